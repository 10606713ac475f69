package io.toneguard.server.api;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.toneguard.server.Refusal;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates requests and WebSocket upgrades, and answers every failure as JSON {error, message}
 * with its status; refusals (401, 403, 404 not yours) go to the audit log.
 *
 * <p>HTTP requests carry {@code Authorization: Bearer <token>}. Browsers cannot set headers on a
 * WebSocket, so the event stream takes the token as a subprotocol: the client offers
 * {@code toneguard.v1, bearer.<token>} and the server selects {@code toneguard.v1} (the token is
 * never echoed, never in a URL).
 */
final class ApiGuard {
    static final String SUBPROTOCOL = "toneguard.v1";
    static final String TOKEN_PROTOCOL_PREFIX = "bearer.";
    private static final String PRINCIPAL = "toneguard.principal";
    private static final Logger LOG = LoggerFactory.getLogger(ApiGuard.class);

    private final BearerTokens tokens;
    private final ApiAudit audit;
    private final ApiJson json;

    ApiGuard(BearerTokens tokens, ApiAudit audit, ApiJson json) {
        this.tokens = tokens;
        this.audit = audit;
        this.json = json;
    }

    /** Before every /api request: the bearer token's principal, or 401. */
    void authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw new ApiProblem(401, "authentication required: send Authorization: Bearer <token>");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiProblem(401, "only Bearer authentication is accepted");
        }
        ctx.attribute(PRINCIPAL, known(tokens.principal(header.substring(7).trim())));
    }

    /** Before a WebSocket upgrade: the subprotocol token's principal, or 401 (no upgrade). */
    void authenticateUpgrade(Context ctx) {
        String offered = ctx.header("Sec-WebSocket-Protocol");
        ctx.attribute(PRINCIPAL, known(upgradePrincipal(offered)));
        if (offered != null && offered.contains(SUBPROTOCOL)) {
            ctx.header("Sec-WebSocket-Protocol", SUBPROTOCOL);
        }
    }

    /** The principal named by a {@code Sec-WebSocket-Protocol} header's {@code bearer.<token>} entry. */
    Optional<Principal> upgradePrincipal(String offered) {
        if (offered == null) {
            return Optional.empty();
        }
        for (String p : offered.split(",")) {
            String v = p.trim();
            if (v.startsWith(TOKEN_PROTOCOL_PREFIX)) {
                return tokens.principal(v.substring(TOKEN_PROTOCOL_PREFIX.length()));
            }
        }
        return Optional.empty();
    }

    private static Principal known(Optional<Principal> p) {
        return p.orElseThrow(() -> new ApiProblem(401, "unknown or missing bearer token"));
    }

    /** The authenticated principal of this request (set by {@link #authenticate}). */
    static Principal principal(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL);
        if (p == null) {
            throw new IllegalStateException("request reached a handler unauthenticated");
        }
        return p;
    }

    /** Only admins pass; agents get 403. */
    static Principal admin(Context ctx) {
        Principal p = principal(ctx);
        if (!p.admin()) {
            throw new ApiProblem(403, "this is for admins only");
        }
        return p;
    }

    void problem(ApiProblem e, Context ctx) {
        int status = e.status();
        if (status == 401 || status == 403 || status == 404) {
            Principal p = ctx.attribute(PRINCIPAL);
            audit.denied(status, p == null ? null : p.name(), e.getMessage(), ctx.method().name(), ctx.path(), ctx.ip());
        }
        if (status == 401) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"toneguard\"");
        }
        error(ctx, status, e.getMessage());
    }

    /** A refusal of the domain's, as the HTTP status of its kind. */
    void refusal(Refusal e, Context ctx) {
        int status = switch (e.kind()) {
            case INVALID -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case UNAVAILABLE -> 503;
        };
        problem(new ApiProblem(status, e.getMessage()), ctx);
    }

    void httpException(HttpResponseException e, Context ctx) {
        String message = switch (e.getStatus()) {
            case 404 -> "no such resource";
            case 405 -> "method not allowed";
            case 413 -> "the request body is too large";
            default -> e.getStatus() >= 500 ? "internal error" : e.getMessage();
        };
        error(ctx, e.getStatus(), message);
    }

    void unexpected(Exception e, Context ctx) {
        LOG.error("agent API: {} {} failed", ctx.method().name(), ctx.path(), e);
        error(ctx, 500, "internal error");
    }

    private void error(Context ctx, int status, String message) {
        ctx.status(status).contentType("application/json").result(json.write(new ApiError(code(status), message)));
    }

    private record ApiError(String error, String message) {
    }

    private static String code(int status) {
        return switch (status) {
            case 400 -> "badRequest";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "notFound";
            case 405 -> "methodNotAllowed";
            case 409 -> "conflict";
            case 413 -> "payloadTooLarge";
            default -> status >= 500 ? "internal" : "error";
        };
    }
}
