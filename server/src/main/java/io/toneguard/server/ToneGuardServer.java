package io.toneguard.server;

import io.toneguard.dtmf.DigitSource;
import io.toneguard.dtmf.mask.MaskToneStage;
import io.toneguard.dtmf.mask.MaskerSettings;
import io.toneguard.media.sdp.MediaCapabilities;
import io.toneguard.sip.CallInfo;
import io.toneguard.sip.CallObserver;
import io.toneguard.sip.CallRegistry;
import io.toneguard.sip.SipB2bua;
import java.util.List;
import io.toneguard.media.transport.MediaTransport;
import io.toneguard.psp.gateway.GatewayChain;
import io.toneguard.server.config.PaymentsConfig;
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
    /** Payment audit events: ids, amounts, outcomes; never card data (AuditEvent has none). */
    private static final Logger AUDIT = LoggerFactory.getLogger("audit.payments");

    private final ToneGuardConfig config;
    private final MediaTransport media;
    private final MaskerSettings masking;
    private final CallDigits digits = new CallDigits();
    private final SipB2bua sip;
    private final GatewayChain payments;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private ToneGuardServer(ToneGuardConfig config) {
        this.config = config;
        this.masking = config.masking().toMaskerSettings();
        PaymentsConfig p = config.payments();
        this.payments = GatewayChain.standard(p.toGateway(System::getenv), p.maxAttempts(),
                java.time.Duration.ofMillis(p.retryBackoffMillis()), e -> AUDIT.info("payment {}", e));
        this.media = MediaTransport.start(config.media().toTransportConfig());
        try {
            this.sip = SipB2bua.start(config.sip().toSettings(), config.routing().toRouter(), media,
                    MediaCapabilities.DEFAULT,
                    (call, telephoneEventPt) -> List.of(new MaskToneStage(telephoneEventPt, masking, digits.forCall(call.id()))),
                    new CallEvents());
        } catch (RuntimeException e) {
            media.close();
            throw e;
        }
    }

    /** Call life for the rest of the server; INFO digits are counted like the others. */
    private final class CallEvents implements CallObserver {
        @Override
        public void infoDigit(CallInfo call, int event, long rtpTimestampEstimate) {
            digits.add(call.id(), DigitSource.SIP_INFO);
        }

        @Override
        public void callEnded(CallInfo call, String reason) {
            digits.ended(call.id());
        }
    }

    /** Starts everything; returns once the server is ready. */
    public static ToneGuardServer start(ToneGuardConfig config) {
        ToneGuardServer server = new ToneGuardServer(config);
        LOG.info("ToneGuard ready: SIP on {}:{} ({}), media on {} ports {}-{} ({} pairs, {}); DTMF masking {} with a {} ms delay line; payments via {}",
                config.sip().bindAddress(), config.sip().port(), String.join("/", config.sip().transports()),
                config.media().bindAddress(), config.media().portMin(), config.media().portMax(),
                server.media.ports().capacity(), server.media.isNative() ? "epoll" : "nio",
                server.masking.mode().configName(), server.masking.delayMillis(), server.payments.gateway().name());
        return server;
    }

    public ToneGuardConfig config() {
        return config;
    }

    public MediaTransport media() {
        return media;
    }

    /** The payment gateway with its chain (idempotency, retries, audit): for capture sessions and the IVR. */
    public GatewayChain payments() {
        return payments;
    }

    /** The calls in progress. */
    public CallRegistry calls() {
        return sip.calls();
    }

    /** Digit counts per call (never the digits). */
    public CallDigits digits() {
        return digits;
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
        sip.close();
        media.close();
        stopped.countDown();
        LOG.info("ToneGuard stopped");
    }
}
