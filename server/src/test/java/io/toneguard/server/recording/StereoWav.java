package io.toneguard.server.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.toneguard.media.wav.WavFormatException;
import io.toneguard.media.wav.WavReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** A recording read back: checks the header strictly and splits the channels. */
record StereoWav(short[] left, short[] right) {

    static StereoWav read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        // WavReader (mono only) parses the RIFF chunks fully before it looks at the channel count
        WavFormatException e = assertThrows(WavFormatException.class, () -> WavReader.read(bytes, 8000));
        assertEquals("expected mono audio, found 2 channels", e.getMessage());
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x46464952, b.getInt(0), "RIFF");
        assertEquals(bytes.length - 8, b.getInt(4), "RIFF size");
        assertEquals(0x45564157, b.getInt(8), "WAVE");
        assertEquals(0x20746d66, b.getInt(12), "fmt ");
        assertEquals(16, b.getInt(16));
        assertEquals(1, b.getShort(20), "PCM");
        assertEquals(2, b.getShort(22), "stereo");
        assertEquals(8000, b.getInt(24), "rate");
        assertEquals(32000, b.getInt(28), "byte rate");
        assertEquals(4, b.getShort(32), "block align");
        assertEquals(16, b.getShort(34), "bits");
        assertEquals(0x61746164, b.getInt(36), "data");
        int data = b.getInt(40);
        assertEquals(bytes.length - 44, data, "data size");
        assertEquals(0, data % 4, "whole frames");
        int frames = data / 4;
        short[] l = new short[frames];
        short[] r = new short[frames];
        for (int i = 0; i < frames; i++) {
            l[i] = b.getShort(44 + 4 * i);
            r[i] = b.getShort(46 + 4 * i);
        }
        return new StereoWav(l, r);
    }

    int frames() {
        return left.length;
    }

    static boolean silent(short[] s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s[i] != 0) {
                return false;
            }
        }
        return true;
    }

    static short[] slice(short[] s, int from, int n) {
        short[] out = new short[n];
        System.arraycopy(s, from, out, 0, n);
        return out;
    }
}
