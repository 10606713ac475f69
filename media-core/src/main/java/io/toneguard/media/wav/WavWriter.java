package io.toneguard.media.wav;

import io.toneguard.media.g711.G711Codec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes mono WAV files in PCM16, A-law or mu-law. */
public final class WavWriter {
    private WavWriter() {
    }

    public static void write(Path file, WavAudio audio) throws IOException {
        Files.write(file, toBytes(audio));
    }

    /** The whole file as bytes. */
    public static byte[] toBytes(WavAudio audio) {
        WavEncoding e = audio.encoding();
        int n = audio.samples().length;
        int dataBytes = n * e.bytesPerSample();
        boolean companded = e != WavEncoding.PCM16;
        int fmtSize = companded ? 18 : 16;
        int factSize = companded ? 12 : 0; // non-PCM WAVs carry a fact chunk
        int pad = dataBytes & 1;
        ByteBuffer b = ByteBuffer.allocate(12 + 8 + fmtSize + factSize + 8 + dataBytes + pad).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(b.capacity() - 8).putInt(0x45564157);
        b.putInt(0x20746d66).putInt(fmtSize)
                .putShort((short) e.formatTag()).putShort((short) 1)
                .putInt(audio.sampleRate()).putInt(audio.sampleRate() * e.bytesPerSample())
                .putShort((short) e.bytesPerSample()).putShort((short) e.bitsPerSample());
        if (companded) {
            b.putShort((short) 0);
            b.putInt(0x74636166 /* fact */).putInt(4).putInt(n);
        }
        b.putInt(0x61746164).putInt(dataBytes);
        if (companded) {
            G711Codec codec = e.codec();
            for (short s : audio.samples()) {
                b.put(codec.encode(s));
            }
        } else {
            for (short s : audio.samples()) {
                b.putShort(s);
            }
        }
        return b.array();
    }
}
