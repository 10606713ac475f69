package io.toneguard.harness.agent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** A call recording read back: 8 kHz 16-bit stereo PCM, caller on the left, agent on the right. */
record StereoWav(short[] left, short[] right) {
    static StereoWav read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
            throw new AssertionError(file + " is not a RIFF/WAVE file");
        }
        int pos = 12;
        int channels = 0;
        int bits = 0;
        int rate = 0;
        while (pos + 8 <= b.limit()) {
            int id = b.getInt(pos);
            int size = b.getInt(pos + 4);
            if (id == 0x20746d66) { // "fmt "
                channels = b.getShort(pos + 10);
                rate = b.getInt(pos + 12);
                bits = b.getShort(pos + 22);
            } else if (id == 0x61746164) { // "data"
                if (channels != 2 || bits != 16 || rate != 8000) {
                    throw new AssertionError(file + ": " + channels + " channels, " + bits + " bits, " + rate + " Hz");
                }
                int frames = Math.min(size, b.limit() - pos - 8) / 4;
                short[] l = new short[frames];
                short[] r = new short[frames];
                for (int i = 0; i < frames; i++) {
                    l[i] = b.getShort(pos + 8 + 4 * i);
                    r[i] = b.getShort(pos + 10 + 4 * i);
                }
                return new StereoWav(l, r);
            }
            pos += 8 + size + (size & 1);
        }
        throw new AssertionError(file + " has no data chunk");
    }
}
