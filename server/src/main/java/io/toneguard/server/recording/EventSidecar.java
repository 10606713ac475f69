package io.toneguard.server.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code .events.jsonl} beside a recording: one JSON line per event. Writer thread only. */
final class EventSidecar {
    private static final Logger LOG = LoggerFactory.getLogger(EventSidecar.class);

    private final Path path;
    private FileChannel channel;
    private boolean failed;

    EventSidecar(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    void append(String jsonLine) {
        if (failed) {
            return;
        }
        try {
            if (channel == null) {
                channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            }
            ByteBuffer b = ByteBuffer.wrap((jsonLine + "\n").getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                channel.write(b);
            }
        } catch (IOException e) {
            failed = true;
            LOG.warn("recording sidecar {}: write failed: {}", path.getFileName(), e.toString());
        }
    }

    void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.warn("recording sidecar {}: close failed: {}", path.getFileName(), e.toString());
            }
            channel = null;
        }
    }
}
