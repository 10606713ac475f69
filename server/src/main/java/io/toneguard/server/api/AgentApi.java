package io.toneguard.server.api;

import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.toneguard.server.Refusal;
import io.toneguard.server.config.ApiSettings;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent API server (Javalin on Jetty 12): REST under /api/v1, the event WebSocket at
 * /api/v1/events, the OpenAPI document at /api/v1/openapi.json and the agent desktop page at /.
 * The whole stack is assembled in {@link #start}; close it to stop.
 */
public final class AgentApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentApi.class);
    static final String EVENTS = AgentRoutes.BASE + "/events";

    private final Javalin app;
    private final EventStream events;

    private AgentApi(Javalin app, EventStream events) {
        this.app = app;
        this.events = events;
    }

    /**
     * Starts listening on {@code settings.bindAddress():port()} (port 0: any free port). Does not
     * look at {@code enabled}: that is the caller's decision. {@code env:} tokens are read from the
     * environment. Without any token configured it still starts, refuses every API request with
     * 401 and says so in the log.
     */
    public static AgentApi start(ApiSettings settings, AgentDesk desk) {
        ApiSettings resolved = settings.resolve(System::getenv);
        BearerTokens tokens = new BearerTokens(resolved);
        if (tokens.isEmpty()) {
            LOG.warn("agent API: no agents or admins are configured (api.agents, api.admins): every API request will be refused"
                    + " with 401 until tokens are configured");
        }
        ApiJson json = new ApiJson();
        ApiGuard guard = new ApiGuard(tokens, new ApiAudit(), json);
        AgentRoutes routes = new AgentRoutes(desk, json);
        EventStream events = new EventStream(desk, json, guard, resolved.pingSeconds());
        Javalin app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.startup.showOldJavalinVersionWarning = false;
            c.jetty.host = resolved.bindAddress();
            c.jetty.port = resolved.port();
            javax.net.ssl.SSLContext tls = resolved.tls() == null ? null : resolved.tls().context(System::getenv);
            if (tls != null) {
                // our connector replaces Javalin's plain one: HTTPS only
                c.jetty.addConnector((server, http) -> HttpsConnector.create(server, http, tls, resolved.bindAddress(),
                        resolved.port()));
            }
            c.http.maxRequestSize = resolved.maxRequestBytes();
            c.staticFiles.add(sf -> {
                sf.hostedPath = "/";
                sf.directory = "/agent-desktop";
                sf.location = Location.CLASSPATH;
                sf.headers = SecurityHeaders.HEADERS;
            });
            c.routes.before(SecurityHeaders::apply);
            c.routes.before(AgentRoutes.BASE + "/*", guard::authenticate);
            routes.register(c.routes);
            c.routes.wsBeforeUpgrade(EVENTS, guard::authenticateUpgrade);
            c.routes.ws(EVENTS, events::configure);
            c.routes.exception(ApiProblem.class, guard::problem);
            c.routes.exception(Refusal.class, guard::refusal);
            c.routes.exception(HttpResponseException.class, guard::httpException);
            c.routes.exception(Exception.class, guard::unexpected);
        });
        app.start();
        LOG.info("agent API listening on {}:{} ({}, {} agents, {} admins)", resolved.bindAddress(), app.port(),
                resolved.tls() != null && resolved.tls().enabled() ? "HTTPS" : "HTTP", resolved.agents().size(),
                resolved.admins().size());
        return new AgentApi(app, events);
    }

    /** The port it listens on. */
    public int port() {
        return app.port();
    }

    /** "METHOD /path" of every route Javalin has, the WebSocket as GET (for the OpenAPI check). */
    Set<String> routes() {
        Set<String> out = new TreeSet<>();
        app.unsafe.internalRouter.allHttpHandlers().stream()
                .filter(e -> e.endpoint.method.isHttpMethod())
                .forEach(e -> out.add(e.endpoint.method.name() + " " + e.endpoint.path));
        app.unsafe.internalRouter.allWsHandlers().stream()
                .filter(w -> w.getType() == io.javalin.websocket.WsHandlerType.WEBSOCKET)
                .forEach(w -> out.add("GET " + w.getPath()));
        return out;
    }

    /** Sockets with a live event subscription. */
    int openEventStreams() {
        return events.open();
    }

    @Override
    public void close() {
        events.closeAll();
        app.stop();
    }
}
