package io.toneguard.media.wav;

import io.toneguard.media.g711.G711Codec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RIFF/WAVE files strictly: mono, 8 kHz unless told otherwise, PCM16, A-law or mu-law
 * (plain or WAVE_FORMAT_EXTENSIBLE). Anything else, or a damaged file, is refused with a message
 * that says what is wrong; it never throws anything else on bad input.
 */
public final class WavReader {
    /** Largest file read (a little over 9 hours of 8 kHz PCM16). */
    public static final long MAX_BYTES = 512L * 1024 * 1024;
    private static final String SUPPORTED = "use 16-bit PCM, mu-law or A-law (e.g. sox in.wav -e signed -b 16 out.wav)";

    private WavReader() {
    }

    /** Reads a mono file; the sample rate must be 8000. */
    public static WavAudio read(Path file) throws IOException, WavFormatException {
        return read(bytesOf(file), 8000);
    }

    /**
     * Reads a mono or stereo file (a ToneGuard call recording: caller left, agent right), one
     * {@link WavAudio} per channel; the sample rate must be 8000.
     */
    public static List<WavAudio> readChannels(Path file) throws IOException, WavFormatException {
        return parse(bytesOf(file), 8000, 2);
    }

    /**
     * Parses the bytes of a mono WAV file.
     *
     * @param requiredRate the sample rate the audio must have, or 0 to accept any
     */
    public static WavAudio read(byte[] bytes, int requiredRate) throws WavFormatException {
        return parse(bytes, requiredRate, 1).get(0);
    }

    private static byte[] bytesOf(Path file) throws IOException, WavFormatException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new WavFormatException("file too large: " + size + " bytes (at most " + MAX_BYTES + ")");
        }
        return Files.readAllBytes(file);
    }

    private static List<WavAudio> parse(byte[] bytes, int requiredRate, int maxChannels) throws WavFormatException {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12) {
            throw new WavFormatException("not a WAV file: only " + bytes.length + " bytes");
        }
        if (b.getInt(0) != 0x46464952 /* RIFF */ || b.getInt(8) != 0x45564157 /* WAVE */) {
            throw new WavFormatException("not a WAV file: no RIFF/WAVE header");
        }
        int pos = 12;
        WavEncoding encoding = null;
        int channels = 0;
        int rate = 0;
        int dataOffset = -1;
        int dataLength = 0;
        while (pos + 8 <= bytes.length) {
            int id = b.getInt(pos);
            long chunkSize = b.getInt(pos + 4) & 0xFFFF_FFFFL;
            int body = pos + 8;
            if (id == 0x61746164 /* data */) {
                if (chunkSize > bytes.length - body) {
                    throw new WavFormatException("truncated: the data chunk announces " + chunkSize + " bytes but "
                            + (bytes.length - body) + " follow");
                }
                dataOffset = body;
                dataLength = (int) chunkSize;
                break;
            }
            if (chunkSize > bytes.length - body) {
                throw new WavFormatException("truncated: chunk '" + chunkName(id) + "' runs past the end of the file");
            }
            if (id == 0x20746d66 /* fmt */) {
                if (chunkSize < 16) {
                    throw new WavFormatException("fmt chunk too short: " + chunkSize + " bytes");
                }
                int tag = b.getShort(body) & 0xFFFF;
                channels = b.getShort(body + 2) & 0xFFFF;
                rate = b.getInt(body + 4);
                int bits = b.getShort(body + 14) & 0xFFFF;
                if (tag == 0xFFFE) {
                    if (chunkSize < 40) {
                        throw new WavFormatException("WAVE_FORMAT_EXTENSIBLE fmt chunk too short");
                    }
                    tag = b.getShort(body + 24) & 0xFFFF; // first two bytes of the sub-format GUID
                }
                encoding = encoding(tag, bits);
            }
            pos = body + (int) chunkSize + (int) (chunkSize & 1); // chunks are padded to even sizes
        }
        if (dataOffset < 0 && pos < bytes.length) {
            throw new WavFormatException("truncated: the file ends inside a chunk header");
        }
        if (encoding == null) {
            throw new WavFormatException("no fmt chunk before the audio data");
        }
        if (dataOffset < 0) {
            throw new WavFormatException("no data chunk");
        }
        if (rate <= 0) {
            throw new WavFormatException("invalid sample rate: " + Integer.toUnsignedString(rate) + " Hz");
        }
        if (channels < 1 || channels > maxChannels) {
            throw new WavFormatException(maxChannels == 1 ? "expected mono audio, found " + channels + " channels"
                    : "expected mono or stereo audio, found " + channels + " channels");
        }
        if (requiredRate != 0 && rate != requiredRate) {
            throw new WavFormatException("expected " + requiredRate + " Hz audio, found " + rate
                    + " Hz (resample it first, e.g. sox in.wav -r " + requiredRate + " out.wav)");
        }
        int width = encoding.bytesPerSample();
        int frames = dataLength / (width * channels);
        List<WavAudio> out = new ArrayList<>(channels);
        for (int c = 0; c < channels; c++) {
            short[] samples = new short[frames];
            for (int i = 0; i < frames; i++) {
                int at = dataOffset + (i * channels + c) * width;
                samples[i] = encoding == WavEncoding.PCM16 ? b.getShort(at) : encoding.codec().decode(bytes[at]);
            }
            out.add(new WavAudio(encoding, rate, samples));
        }
        return out;
    }

    private static WavEncoding encoding(int tag, int bits) throws WavFormatException {
        for (WavEncoding e : WavEncoding.values()) {
            if (e.formatTag() == tag) {
                if (e.bitsPerSample() == bits) {
                    return e;
                }
                throw new WavFormatException(e == WavEncoding.PCM16
                        ? bits + "-bit PCM is not supported: " + SUPPORTED
                        : name(e) + " with " + bits + " bits per sample is not supported (expected 8)");
            }
        }
        if (tag == 3) {
            throw new WavFormatException(bits + "-bit floating-point audio is not supported: " + SUPPORTED);
        }
        throw new WavFormatException("unsupported encoding (format tag " + tag + "): " + SUPPORTED);
    }

    private static String name(WavEncoding e) {
        return switch (e) {
            case PCM16 -> "16-bit PCM";
            case ALAW -> "A-law";
            case MULAW -> "mu-law";
        };
    }

    private static String chunkName(int id) {
        StringBuilder sb = new StringBuilder(4);
        for (int i = 0; i < 4; i++) {
            char c = (char) ((id >>> (8 * i)) & 0xFF);
            sb.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return sb.toString();
    }
}
