package io.toneguard.server.api;

import io.javalin.websocket.WsCloseStatus;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import io.toneguard.server.capture.CaptureEvent;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket at /api/v1/events: one desk subscription per socket, each event sent as JSON,
 * pings to keep it open, the subscription closed with the socket. The first message is
 * {@code {"type":"subscribed","agent":..,"admin":..,"at":..}}, sent once events are flowing.
 */
final class EventStream {
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);

    private final AgentDesk desk;
    private final ApiJson json;
    private final ApiGuard guard;
    private final int pingSeconds;
    private final Map<String, AutoCloseable> subscriptions = new ConcurrentHashMap<>();

    EventStream(AgentDesk desk, ApiJson json, ApiGuard guard, int pingSeconds) {
        this.desk = desk;
        this.json = json;
        this.guard = guard;
        this.pingSeconds = pingSeconds;
    }

    void configure(WsConfig ws) {
        ws.onConnect(this::open);
        ws.onMessage(ctx -> { }); // the stream is one way; anything the client sends is ignored
        ws.onClose(ctx -> end(ctx.sessionId()));
        ws.onError(ctx -> end(ctx.sessionId()));
    }

    private void open(WsConnectContext ctx) {
        // authenticated before the upgrade; read again here because the upgrade request's attributes do not carry over
        Principal who = guard.upgradePrincipal(ctx.header("Sec-WebSocket-Protocol")).orElse(null);
        if (who == null) {
            ctx.closeSession(WsCloseStatus.POLICY_VIOLATION, "not authenticated");
            return;
        }
        ctx.enableAutomaticPings(pingSeconds, TimeUnit.SECONDS);
        subscriptions.put(ctx.sessionId(), desk.subscribe(who, e -> send(ctx, e)));
        sendText(ctx, json.write(new Subscribed("subscribed", who.name(), who.admin(), Instant.now())));
    }

    private record Subscribed(String type, String agent, boolean admin, Instant at) {
    }

    private void send(WsContext ctx, CaptureEvent e) {
        try {
            sendText(ctx, json.event(e));
        } catch (RuntimeException ex) {
            LOG.debug("agent API: event {} not sent", e.type(), ex);
        }
    }

    private static void sendText(WsContext ctx, String text) {
        synchronized (ctx) { // one writer at a time keeps each socket's events in order
            if (ctx.session.isOpen()) {
                ctx.send(text);
            }
        }
    }

    private void end(String sessionId) {
        close(subscriptions.remove(sessionId));
    }

    /** Ends every subscription (server stop). */
    void closeAll() {
        subscriptions.keySet().forEach(this::end);
    }

    /** Sockets with a live subscription. */
    int open() {
        return subscriptions.size();
    }

    private static void close(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("agent API: closing an event subscription failed", e);
        }
    }
}
