package io.toneguard.server.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stereo 8 kHz 16-bit PCM WAV file written as a stream: the header's sizes are refreshed every
 * few seconds (a crash leaves a playable file) and fixed up on close. Used by the writer thread
 * only, after {@link #create} on the opening thread.
 */
final class StereoWavFile {
    private static final Logger LOG = LoggerFactory.getLogger(StereoWavFile.class);
    static final int RATE = 8000;
    static final int FRAME_BYTES = 4;
    static final int HEADER_BYTES = 44;
    /** The RIFF size field is 32 bits: stop there (about 37 hours). */
    static final long MAX_DATA_BYTES = 0xFFFF_FFFFL - 36 - FRAME_BYTES;
    private static final long HEADER_REFRESH_BYTES = 5L * RATE * FRAME_BYTES;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(64 * 1024).asReadOnlyBuffer();

    private final Path path;
    private final FileChannel channel;
    private long dataBytes;
    private long sinceHeader;
    private boolean failed;
    private boolean closed;

    private StereoWavFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** Creates the file, which must not exist yet, and writes a header announcing no audio. */
    static StereoWavFile create(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            ByteBuffer h = header(0);
            while (h.hasRemaining()) {
                ch.write(h);
            }
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        return new StereoWavFile(path, ch);
    }

    static ByteBuffer header(long dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt((int) (36 + dataBytes)).putInt(0x45564157);
        b.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 2)
                .putInt(RATE).putInt(RATE * FRAME_BYTES).putShort((short) FRAME_BYTES).putShort((short) 16);
        b.putInt(0x61746164).putInt((int) dataBytes);
        return b.flip();
    }

    Path path() {
        return path;
    }

    /** Interleaved little-endian frames, position to limit. */
    void write(ByteBuffer frames) {
        if (!writable(frames.remaining())) {
            return;
        }
        try {
            int n = frames.remaining();
            while (frames.hasRemaining()) {
                channel.write(frames);
            }
            advance(n);
        } catch (IOException e) {
            fail(e);
        }
    }

    /** {@code frames} of digital silence on both channels. */
    void writeSilence(long frames) {
        long left = frames * FRAME_BYTES;
        try {
            while (left > 0 && writable(Math.min(left, ZEROS.capacity()))) {
                ByteBuffer z = ZEROS.duplicate();
                z.limit((int) Math.min(left, z.capacity()));
                int n = z.remaining();
                while (z.hasRemaining()) {
                    channel.write(z);
                }
                advance(n);
                left -= n;
            }
        } catch (IOException e) {
            fail(e);
        }
    }

    /** Audio bytes written so far. */
    long dataBytes() {
        return dataBytes;
    }

    /** Fixes the header, syncs and closes; idempotent. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!failed) {
                writeHeader();
                channel.force(false);
            }
        } catch (IOException e) {
            fail(e);
        } finally {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.warn("recording {}: close failed: {}", path.getFileName(), e.toString());
            }
        }
    }

    private boolean writable(long bytes) {
        if (failed || closed) {
            return false;
        }
        if (dataBytes + bytes > MAX_DATA_BYTES) {
            LOG.warn("recording {}: the WAV size limit is reached, the rest of the call is not recorded", path.getFileName());
            failed = true;
            return false;
        }
        return true;
    }

    private void advance(int n) throws IOException {
        dataBytes += n;
        sinceHeader += n;
        if (sinceHeader >= HEADER_REFRESH_BYTES) {
            sinceHeader = 0;
            writeHeader();
        }
    }

    private void writeHeader() throws IOException {
        ByteBuffer h = header(dataBytes);
        long at = 0;
        while (h.hasRemaining()) {
            at += channel.write(h, at);
        }
    }

    private void fail(IOException e) {
        if (!failed) {
            failed = true;
            LOG.warn("recording {}: write failed, the rest of the call is not recorded: {}", path.getFileName(), e.toString());
        }
    }
}
