package io.toneguard.media.wav;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WavRoundTripTest {
    @TempDir
    Path dir;

    /** Samples every code of the encoding can represent exactly (all 16-bit values for PCM16), in random order. */
    private static short[] representable(WavEncoding e, int n, long seed) {
        Random r = new Random(seed);
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = e == WavEncoding.PCM16 ? (short) r.nextInt() : e.codec().decode((byte) r.nextInt(256));
        }
        return s;
    }

    @ParameterizedTest
    @EnumSource(WavEncoding.class)
    void bytesRoundTripExactly(WavEncoding e) throws WavFormatException {
        short[] samples = representable(e, 8000, 1);
        byte[] bytes = WavWriter.toBytes(new WavAudio(e, 8000, samples));
        WavAudio read = WavReader.read(bytes, 8000);
        assertEquals(e, read.encoding());
        assertEquals(8000, read.sampleRate());
        assertArrayEquals(samples, read.samples());
        assertEquals(1000, read.durationMillis());
        assertArrayEquals(bytes, WavWriter.toBytes(read), "writing what was read gives the same file");
    }

    @ParameterizedTest
    @EnumSource(WavEncoding.class)
    void filesRoundTripWithAnOddNumberOfSamples(WavEncoding e) throws IOException, WavFormatException {
        short[] samples = representable(e, 161, 2);
        Path f = dir.resolve(e + ".wav");
        WavWriter.write(f, new WavAudio(e, 8000, samples));
        assertEquals(0, Files.size(f) & 1, "RIFF files have an even length (pad byte)");
        WavAudio read = WavReader.read(f);
        assertEquals(e, read.encoding());
        assertArrayEquals(samples, read.samples());
    }

    @ParameterizedTest
    @EnumSource(WavEncoding.class)
    void emptyAudioRoundTrips(WavEncoding e) throws WavFormatException {
        WavAudio read = WavReader.read(WavWriter.toBytes(new WavAudio(e, 8000, new short[0])), 8000);
        assertEquals(e, read.encoding());
        assertEquals(0, read.samples().length);
    }

    @Test
    void compandedSamplesReadBackAsTheCodecDecodesThem() throws WavFormatException {
        short[] ramp = new short[65536];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = (short) (i - 32768);
        }
        for (WavEncoding e : new WavEncoding[] {WavEncoding.ALAW, WavEncoding.MULAW}) {
            short[] read = WavReader.read(WavWriter.toBytes(new WavAudio(e, 8000, ramp)), 8000).samples();
            for (int i = 0; i < ramp.length; i++) {
                assertEquals(e.codec().decode(e.codec().encode(ramp[i])), read[i], e + " sample " + ramp[i]);
            }
        }
    }
}
