package io.toneguard.media.wav;

import static io.toneguard.media.wav.WavBytes.chunk;
import static io.toneguard.media.wav.WavBytes.data;
import static io.toneguard.media.wav.WavBytes.fmtExtensible;
import static io.toneguard.media.wav.WavBytes.riff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Whatever the bytes, the reader returns audio or throws {@link WavFormatException}: nothing else. */
class WavReaderFuzzTest {
    private static final int ROUNDS = 20_000;

    /** Valid files of every shape the reader accepts, to damage. */
    private static List<byte[]> seeds() {
        Random r = new Random(7);
        List<byte[]> seeds = new ArrayList<>();
        for (WavEncoding e : WavEncoding.values()) {
            short[] s = new short[101];
            for (int i = 0; i < s.length; i++) {
                s[i] = (short) r.nextInt();
            }
            seeds.add(WavWriter.toBytes(new WavAudio(e, 8000, s)));
            byte[] body = new byte[101 * e.bytesPerSample()];
            r.nextBytes(body);
            seeds.add(riff(chunk("LIST", new byte[] {'I', 'N', 'F', 'O', 'x'}),
                    fmtExtensible(e.formatTag(), 1, 8000, e.bitsPerSample()), chunk("fact", new byte[4]), data(body)));
        }
        return seeds;
    }

    @Test
    void everyTruncationOfAValidFileIsAWavFormatException() {
        for (byte[] valid : seeds()) {
            for (int n = 0; n < valid.length; n++) {
                byte[] cut = Arrays.copyOf(valid, n);
                try {
                    WavReader.read(cut, 8000);
                    assertEquals(valid.length - 1, n, "only the pad byte after odd-sized data may be missing");
                } catch (WavFormatException e) {
                    assertFalse(e.getMessage().isBlank());
                } catch (RuntimeException e) {
                    fail("prefix of " + n + " bytes: " + e, e);
                }
            }
        }
    }

    @Test
    void randomGarbageRandomTruncationsAndRandomDamageNeverThrowAnythingElse() {
        Random r = new Random(20_261_122);
        List<byte[]> seeds = seeds();
        int accepted = 0;
        for (int round = 0; round < ROUNDS; round++) {
            byte[] bytes = switch (round % 4) {
                case 0 -> garbage(r);
                case 1 -> garbageAfterHeader(r);
                case 2 -> Arrays.copyOf(seeds.get(r.nextInt(seeds.size())), r.nextInt(400));
                default -> damage(seeds.get(r.nextInt(seeds.size())), r);
            };
            int requiredRate = r.nextBoolean() ? 8000 : 0;
            try {
                WavAudio a = WavReader.read(bytes, requiredRate);
                assertTrue(a.sampleRate() > 0);
                assertTrue(a.samples().length <= bytes.length);
                a.durationMillis();
                accepted++;
            } catch (WavFormatException e) {
                assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "blank message");
            } catch (RuntimeException | Error e) {
                fail("round " + round + ": " + e + " on " + HexFormat.of().formatHex(bytes), e);
            }
        }
        assertTrue(accepted > ROUNDS / 20, "the damage should leave some files readable, accepted " + accepted);
    }

    private static byte[] garbage(Random r) {
        byte[] b = new byte[r.nextInt(200)];
        r.nextBytes(b);
        return b;
    }

    /** RIFF/WAVE, then random chunks with plausible ids and random (often huge or odd) sizes. */
    private static byte[] garbageAfterHeader(Random r) {
        String[] ids = {"fmt ", "data", "LIST", "fact", "junk"};
        ByteBuffer b = ByteBuffer.allocate(12 + 400).order(ByteOrder.LITTLE_ENDIAN);
        b.put(WavBytes.ascii("RIFF")).putInt(r.nextInt()).put(WavBytes.ascii("WAVE"));
        while (b.remaining() >= 8 && r.nextInt(4) != 0) {
            b.put(WavBytes.ascii(ids[r.nextInt(ids.length)]));
            int size = switch (r.nextInt(4)) {
                case 0 -> r.nextInt();
                case 1 -> 0x7FFF_FFFF + r.nextInt(3);
                default -> r.nextInt(Math.max(1, b.remaining()));
            };
            b.putInt(size);
            int n = Math.min(b.remaining(), r.nextInt(60));
            byte[] body = new byte[n];
            r.nextBytes(body);
            b.put(body);
        }
        return Arrays.copyOf(b.array(), b.position());
    }

    /** A valid file with a few bytes or 32-bit fields overwritten, e.g. a chunk size. */
    private static byte[] damage(byte[] valid, Random r) {
        byte[] b = valid.clone();
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int edits = 1 + r.nextInt(3);
        for (int i = 0; i < edits; i++) {
            int at = r.nextInt(Math.min(b.length, 80));
            if (r.nextBoolean() && at + 4 <= b.length) {
                int[] interesting = {0, 1, -1, 0x7FFF_FFFF, 0x8000_0000, 16, 40, 0xFFFE, 3, 2};
                buf.putInt(at, interesting[r.nextInt(interesting.length)]);
            } else {
                b[at] = (byte) r.nextInt(256);
            }
        }
        return b;
    }

    @Test
    void seedsAreValid() throws WavFormatException {
        for (byte[] s : seeds()) {
            assertEquals(101, WavReader.read(s, 8000).samples().length);
        }
    }
}
