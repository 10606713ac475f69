package io.toneguard.sip;

import io.toneguard.media.sdp.MediaCapabilities;
import io.toneguard.media.dtls.DtlsCertificate;
import io.toneguard.media.dtls.DtlsSrtpPolicy;
import io.toneguard.media.srtp.SdesPolicy;
import io.toneguard.media.transport.MediaTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TooManyListenersException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.ListeningPoint;
import javax.sip.ObjectInUseException;
import javax.sip.PeerUnavailableException;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIP back-to-back user agent: one jain-sip stack listening on the configured transports,
 * two independent dialogs per call (leg A toward the caller, leg B toward the agent side), and
 * the media of both legs anchored in ToneGuard's relay, masking from the first packet.
 */
public final class SipB2bua implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SipB2bua.class);
    private static final AtomicInteger STACKS = new AtomicInteger();

    final SipSettings settings;
    final Router router;
    final MediaTransport media;
    final MediaCapabilities capabilities;
    final CallStages callStages;
    final CallObserver observer;
    /** SDES suites offered and accepted on SRTP legs. */
    final SdesPolicy sdesPolicy = SdesPolicy.DEFAULT;
    /** DTLS-SRTP: one self-signed certificate per process (its fingerprint goes in our SDP), profiles and timeout. */
    final DtlsCertificate dtlsCertificate = DtlsCertificate.generate();
    final DtlsSrtpPolicy dtlsPolicy = DtlsSrtpPolicy.DEFAULT;
    /** DTLS handshakes block: they run here, never on a media event loop or a SIP thread. */
    final ExecutorService dtlsHandshakes = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "dtls-handshake");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong dtlsFailures = new AtomicLong();
    final CallRegistry registry = new CallRegistry();
    /** Sessions by leg A's Call-ID, to match CANCELs and retransmitted INVITEs. */
    final Map<String, CallSession> byCallerCallId = new ConcurrentHashMap<>();
    /** Calls answered here (self-service numbers), by ToneGuard call id. */
    final Map<String, LocalCall> localCalls = new java.util.concurrent.ConcurrentHashMap<>();
    final ScheduledExecutorService timer;

    private final SipStack stack;
    private final String stackName;
    final SipProvider provider;
    final HeaderFactory headers;
    final AddressFactory addresses;
    final MessageFactory messages;
    private final List<ListeningPoint> listeningPoints = new ArrayList<>();
    private volatile boolean accepting = true;

    private SipB2bua(SipSettings settings, Router router, MediaTransport media, MediaCapabilities capabilities,
            CallStages callStages, CallObserver observer) throws Exception {
        this.settings = settings;
        this.router = router;
        this.media = media;
        this.capabilities = capabilities;
        this.callStages = callStages;
        this.observer = observer;
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        Properties p = new Properties();
        // the stack logs under its own name: keep it under "sip.stack" (see logback.xml)
        this.stackName = "sip.stack.toneguard-" + settings.port() + "-" + STACKS.incrementAndGet();
        p.setProperty("javax.sip.STACK_NAME", stackName);
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("gov.nist.javax.sip.IS_BACK_TO_BACK_USER_AGENT", "true");
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(settings.maxMessageBytes()));
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "16");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
        p.setProperty("gov.nist.javax.sip.MAX_FORK_TIME_SECONDS", "0");
        if (settings.tls() != null) {
            // our own sockets (TlsNetworkLayer) carry the certificate, trust and parameters; the
            // properties keep jain-sip's own socket set-up to the same protocols and suites
            TlsNetworkLayer.register(stackName, settings.tls());
            p.setProperty("gov.nist.javax.sip.NETWORK_LAYER", TlsNetworkLayer.class.getName());
            p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", String.join(",", SipTls.PROTOCOLS));
            p.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES", String.join(" ", settings.tls().suites()));
            p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE",
                    settings.tls().requireClientCertificate() ? "Enabled" : "Disabled");
            p.setProperty("gov.nist.javax.sip.SSL_HANDSHAKE_TIMEOUT", "5000");
        }
        this.stack = factory.createSipStack(p);
        this.headers = factory.createHeaderFactory();
        this.addresses = factory.createAddressFactory();
        this.messages = factory.createMessageFactory();
        SipProvider prov = null;
        for (String transport : settings.transports()) {
            ListeningPoint lp = stack.createListeningPoint(settings.bindAddress(), settings.portFor(transport), transport);
            listeningPoints.add(lp);
            if (prov == null) {
                prov = stack.createSipProvider(lp);
            } else {
                prov.addListeningPoint(lp);
            }
        }
        this.provider = prov;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sip-timers");
            t.setDaemon(true);
            return t;
        });
        try {
            provider.addSipListener(new B2buaListener(this));
        } catch (TooManyListenersException e) {
            throw new IllegalStateException(e);
        }
        stack.start();
        timer.scheduleWithFixedDelay(this::checkMediaActivity, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Starts listening.
     *
     * @throws IllegalStateException if the SIP port cannot be bound or the stack cannot start
     */
    public static SipB2bua start(SipSettings settings, Router router, MediaTransport media,
            MediaCapabilities capabilities, CallStages callStages, CallObserver observer) {
        try {
            SipB2bua b = new SipB2bua(settings, router, media, capabilities, callStages, observer);
            LOG.info("SIP listening on {}:{} ({}){}", settings.bindAddress(), settings.port(), String.join(", ", settings.transports()),
                    settings.tls() == null ? "" : ", TLS on port " + settings.tlsPort() + " (" + settings.tls() + ")");
            return b;
        } catch (PeerUnavailableException e) {
            throw new IllegalStateException("jain-sip is not available: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot listen for SIP on " + settings.bindAddress() + ":" + settings.port()
                    + ": " + e.getMessage(), e);
        }
    }

    public CallRegistry calls() {
        return registry;
    }

    /**
     * Ends a call that ToneGuard answered itself (a self-service number) with a BYE to the caller.
     *
     * @return false if no such call is up
     */
    public boolean hangUp(String callId, String reason) {
        LocalCall c = localCalls.get(callId);
        if (c == null) {
            return false;
        }
        c.hangUp(reason);
        return true;
    }

    public SipSettings settings() {
        return settings;
    }

    /** DTLS-SRTP handshakes that failed (fingerprint mismatch, timeout, no common profile): each ended its call. */
    public long dtlsFailures() {
        return dtlsFailures.get();
    }

    void dtlsFailed() {
        dtlsFailures.incrementAndGet();
    }

    boolean accepting() {
        return accepting;
    }

    /** Ends calls whose media has been silent both ways for the configured timeout. */
    private void checkMediaActivity() {
        long now = System.nanoTime();
        for (CallSession s : byCallerCallId.values()) {
            try {
                s.checkMedia(now, settings.rtpTimeout().toNanos());
            } catch (RuntimeException e) {
                LOG.warn("call {}: media check failed: {}", s.id(), e.toString());
            }
        }
        for (LocalCall c : localCalls.values()) {
            try {
                c.checkMedia(now, settings.rtpTimeout().toNanos());
            } catch (RuntimeException e) {
                LOG.warn("self-service call {}: media check failed: {}", c.id(), e.toString());
            }
        }
    }

    /**
     * Stops taking calls (new INVITEs get 503), lets active calls go on for the drain time, then
     * ends the rest with BYE on both legs, and stops the stack.
     */
    @Override
    public void close() {
        accepting = false;
        for (LocalCall c : localCalls.values()) {
            c.hangUp("shutdown");
        }
        long deadline = System.nanoTime() + settings.drainTime().toNanos();
        if (!byCallerCallId.isEmpty()) {
            LOG.info("draining {} call(s) for up to {} s", byCallerCallId.size(), settings.drainTime().toSeconds());
        }
        while (!byCallerCallId.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (CallSession s : byCallerCallId.values()) {
            s.endBothLegs("shutdown");
        }
        long byeDeadline = System.nanoTime() + 2_000_000_000L;
        while (!byCallerCallId.isEmpty() && System.nanoTime() < byeDeadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (CallSession s : byCallerCallId.values()) {
            s.forget("shutdown");
        }
        timer.shutdownNow();
        dtlsHandshakes.shutdownNow();
        for (ListeningPoint lp : listeningPoints) {
            try {
                provider.removeListeningPoint(lp);
                stack.deleteListeningPoint(lp);
            } catch (ObjectInUseException e) {
                LOG.debug("listening point in use at shutdown: {}", e.toString());
            }
        }
        try {
            stack.deleteSipProvider(provider);
        } catch (ObjectInUseException e) {
            LOG.debug("provider in use at shutdown: {}", e.toString());
        }
        stack.stop();
        TlsNetworkLayer.unregister(stackName);
        LOG.info("SIP stopped");
    }
}
