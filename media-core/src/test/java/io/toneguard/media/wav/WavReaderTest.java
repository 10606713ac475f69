package io.toneguard.media.wav;

import static io.toneguard.media.wav.WavBytes.ascii;
import static io.toneguard.media.wav.WavBytes.chunk;
import static io.toneguard.media.wav.WavBytes.data;
import static io.toneguard.media.wav.WavBytes.fmt;
import static io.toneguard.media.wav.WavBytes.fmtExtensible;
import static io.toneguard.media.wav.WavBytes.pcm16;
import static io.toneguard.media.wav.WavBytes.riff;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class WavReaderTest {
    private static final short[] SAMPLES = {0, 1000, -1000, 32767, -32768, 7};
    private static final byte[] FMT = fmt(1, 1, 8000, 16);
    private static final byte[] DATA = data(pcm16(SAMPLES));

    @TempDir
    Path dir;

    private static WavAudio read(byte[] bytes) throws WavFormatException {
        return WavReader.read(bytes, 8000);
    }

    @Test
    void readsAMinimalPcm16File() throws WavFormatException {
        WavAudio a = read(riff(FMT, DATA));
        assertEquals(WavEncoding.PCM16, a.encoding());
        assertEquals(8000, a.sampleRate());
        assertArrayEquals(SAMPLES, a.samples());
    }

    @Test
    void skipsListAndFactChunksAnywhereBeforeTheData() throws WavFormatException {
        byte[] list = chunk("LIST", ascii("INFOISFT\u0005\u0000\u0000\u0000sox!\u0000"));
        byte[] fact = chunk("fact", new byte[] {6, 0, 0, 0});
        assertArrayEquals(SAMPLES, read(riff(list, FMT, fact, DATA)).samples());
        assertArrayEquals(SAMPLES, read(riff(FMT, list, fact, DATA)).samples());
    }

    @Test
    void oddSizedChunksAreFollowedByAPadByte() throws WavFormatException {
        byte[] odd = chunk("junk", new byte[] {1, 2, 3}); // 3 bytes + 1 pad byte
        assertEquals(12, odd.length);
        assertArrayEquals(SAMPLES, read(riff(odd, FMT, odd, DATA)).samples());
    }

    @Test
    void oddSizedDataIsReadWithoutItsPadByteAndTrailingChunksAreIgnored() throws WavFormatException {
        byte[] codes = {(byte) 0xFF, (byte) 0x80, 0x00}; // mu-law: 0, max, min
        WavAudio a = read(riff(fmt(7, 1, 8000, 8), data(codes), chunk("LIST", ascii("INFO"))));
        assertEquals(WavEncoding.MULAW, a.encoding());
        assertArrayEquals(new short[] {0, 32124, -32124}, a.samples());
    }

    @Test
    void pcm16DataWithAnOddByteCountDropsTheLastHalfSample() throws WavFormatException {
        byte[] body = Arrays.copyOf(pcm16(SAMPLES), 2 * SAMPLES.length + 1);
        assertArrayEquals(SAMPLES, read(riff(FMT, data(body))).samples());
    }

    @ParameterizedTest
    @EnumSource(WavEncoding.class)
    void readsWaveFormatExtensible(WavEncoding e) throws WavFormatException {
        byte[] body = e == WavEncoding.PCM16 ? pcm16(SAMPLES) : new byte[] {(byte) 0xD5, 0x55, 0x2A};
        WavAudio a = read(riff(fmtExtensible(e.formatTag(), 1, 8000, e.bitsPerSample()), data(body)));
        assertEquals(e, a.encoding());
        assertEquals(body.length / e.bytesPerSample(), a.samples().length);
    }

    @Test
    void anyRateIsAcceptedWhenNoneIsRequired() throws WavFormatException {
        WavAudio a = WavReader.read(riff(fmt(1, 1, 16000, 16), DATA), 0);
        assertEquals(16000, a.sampleRate());
    }

    @Test
    void readsFilesAndSaysWhenOneIsMissing() throws IOException, WavFormatException {
        Path f = dir.resolve("a.wav");
        Files.write(f, riff(FMT, DATA));
        assertArrayEquals(SAMPLES, WavReader.read(f).samples());
        assertThrows(NoSuchFileException.class, () -> WavReader.read(dir.resolve("missing.wav")));
    }

    @Test
    void aStereoFileIsReadChannelByChannelWhereStereoIsAllowed() throws IOException, WavFormatException {
        Path f = dir.resolve("call.wav");
        short[] interleaved = {1, -1, 2, -2, 3, -3};
        Files.write(f, riff(fmt(1, 2, 8000, 16), data(pcm16(interleaved))));
        java.util.List<WavAudio> channels = WavReader.readChannels(f);
        assertEquals(2, channels.size());
        assertArrayEquals(new short[] {1, 2, 3}, channels.get(0).samples());
        assertArrayEquals(new short[] {-1, -2, -3}, channels.get(1).samples());
        assertThrows(WavFormatException.class, () -> WavReader.read(f), "read() still wants mono");
        Path three = dir.resolve("three.wav");
        Files.write(three, riff(fmt(1, 3, 8000, 16), DATA));
        assertTrue(assertThrows(WavFormatException.class, () -> WavReader.readChannels(three)).getMessage()
                .contains("mono or stereo audio, found 3 channels"));
    }

    @Test
    void fileAt16kHzIsRefusedWithTheRateAndAHint() throws IOException {
        Path f = dir.resolve("wide.wav");
        Files.write(f, riff(fmt(1, 1, 16000, 16), DATA));
        WavFormatException e = assertThrows(WavFormatException.class, () -> WavReader.read(f));
        assertTrue(e.getMessage().contains("16000 Hz"), e.getMessage());
        assertTrue(e.getMessage().contains("8000 Hz"), e.getMessage());
    }

    static Stream<Arguments> badFiles() {
        byte[] valid = riff(FMT, DATA);
        return Stream.of(
                Arguments.of("empty", new byte[0], "not a WAV file"),
                Arguments.of("one byte", new byte[] {'R'}, "not a WAV file"),
                Arguments.of("text", ascii("hello, this is a text file, not audio\n"), "not a WAV file"),
                Arguments.of("RIFF but not WAVE", ascii("RIFF\u0004\u0000\u0000\u0000AVI LIST"), "not a WAV file"),
                Arguments.of("RIFX (big-endian)", ascii("RIFX\u0004\u0000\u0000\u0000WAVE"), "not a WAV file"),
                Arguments.of("header only", riff(), "no fmt chunk"),
                Arguments.of("truncated fmt chunk", Arrays.copyOf(valid, 30), "truncated"),
                Arguments.of("truncated chunk header", Arrays.copyOf(valid, 40), "truncated"),
                Arguments.of("truncated data chunk", Arrays.copyOf(valid, valid.length - 1), "truncated: the data chunk"),
                Arguments.of("data size past the end", riff(FMT, chunk("data", 0xFFFF_FFFFL, pcm16(SAMPLES))), "truncated"),
                Arguments.of("chunk size past the end", riff(chunk("LIST", 0x8000_0000L, new byte[4]), FMT, DATA), "truncated"),
                Arguments.of("fmt after data", riff(DATA, FMT), "no fmt chunk before the audio data"),
                Arguments.of("missing fmt", riff(chunk("LIST", new byte[4]), DATA), "no fmt chunk"),
                Arguments.of("missing data", riff(FMT, chunk("LIST", new byte[4])), "no data chunk"),
                Arguments.of("fmt too short", riff(chunk("fmt ", new byte[12]), DATA), "fmt chunk too short"),
                Arguments.of("extensible too short", riff(fmt(0xFFFE, 1, 8000, 16), DATA),
                        "too short"),
                Arguments.of("stereo", riff(fmt(1, 2, 8000, 16), DATA), "expected mono audio, found 2 channels"),
                Arguments.of("stereo extensible", riff(fmtExtensible(1, 2, 8000, 16), DATA), "2 channels"),
                Arguments.of("no channels", riff(fmt(1, 0, 8000, 16), DATA), "found 0 channels"),
                Arguments.of("16 kHz", riff(fmt(1, 1, 16000, 16), DATA), "expected 8000 Hz audio, found 16000 Hz"),
                Arguments.of("44.1 kHz mu-law", riff(fmt(7, 1, 44100, 8), DATA), "found 44100 Hz"),
                Arguments.of("8-bit PCM", riff(fmt(1, 1, 8000, 8), DATA), "8-bit PCM"),
                Arguments.of("24-bit PCM", riff(fmt(1, 1, 8000, 24), DATA), "24-bit PCM"),
                Arguments.of("16-bit mu-law", riff(fmt(7, 1, 8000, 16), DATA), "mu-law with 16 bits per sample"),
                Arguments.of("float", riff(fmt(3, 1, 8000, 32), DATA), "floating-point"),
                Arguments.of("float extensible", riff(fmtExtensible(3, 1, 8000, 32), DATA), "floating-point"),
                Arguments.of("ADPCM", riff(fmt(2, 1, 8000, 4), DATA), "format tag 2"),
                Arguments.of("GSM 6.10", riff(fmt(0x31, 1, 8000, 0), DATA), "format tag 49"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badInputIsAWavFormatExceptionWithAClearMessage(String name, byte[] bytes, String expected) {
        WavFormatException e = assertThrows(WavFormatException.class, () -> read(bytes));
        assertTrue(e.getMessage().contains(expected), "message: " + e.getMessage());
    }

    @ParameterizedTest(name = "rate {0}")
    @ValueSource(ints = {0, -8000})
    void nonsenseRatesAreRefusedEvenWhenAnyRateIsAccepted(int rate) {
        WavFormatException e = assertThrows(WavFormatException.class, () -> WavReader.read(riff(fmt(1, 1, rate, 16), DATA), 0));
        assertTrue(e.getMessage().contains("sample rate"), e.getMessage());
    }
}
