package io.toneguard.server;

import io.toneguard.dtmf.mask.MaskerSettings;
import io.toneguard.media.transport.MediaTransport;
import io.toneguard.server.config.ToneGuardConfig;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running product: owns every long-lived part and wires them together from one
 * {@link ToneGuardConfig}. Later parts (SIP, agent API, recording) are started here as they land.
 */
public final class ToneGuardServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ToneGuardServer.class);

    private final ToneGuardConfig config;
    private final MediaTransport media;
    private final MaskerSettings masking;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private ToneGuardServer(ToneGuardConfig config) {
        this.config = config;
        this.masking = config.masking().toMaskerSettings();
        this.media = MediaTransport.start(config.media().toTransportConfig());
    }

    /** Starts everything; returns once the server is ready. */
    public static ToneGuardServer start(ToneGuardConfig config) {
        ToneGuardServer server = new ToneGuardServer(config);
        LOG.info("ToneGuard ready: media on {} ports {}-{} ({} pairs, {}); DTMF masking {} with a {} ms delay line",
                config.media().bindAddress(), config.media().portMin(), config.media().portMax(),
                server.media.ports().capacity(), server.media.isNative() ? "epoll" : "nio",
                server.masking.mode().configName(), server.masking.delayMillis());
        return server;
    }

    public ToneGuardConfig config() {
        return config;
    }

    public MediaTransport media() {
        return media;
    }

    /** How every call's caller -> agent audio is masked. */
    public MaskerSettings masking() {
        return masking;
    }

    /** Blocks until {@link #close()} has run. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        if (stopped.getCount() == 0) {
            return;
        }
        LOG.info("ToneGuard stopping");
        media.close();
        stopped.countDown();
        LOG.info("ToneGuard stopped");
    }
}
