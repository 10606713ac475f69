package io.toneguard.sip;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Chooses leg B's target for an incoming INVITE: the first matching rule wins. Without a match,
 * and when the Request-URI is not ToneGuard itself, leg B goes to the Request-URI (ToneGuard as
 * the caller's next hop toward {@code sip:agent@host:port}).
 */
public final class Router {
    private final List<RouteRule> rules;
    private final boolean forwardToRequestUri;

    public Router(List<RouteRule> rules, boolean forwardToRequestUri) {
        this.rules = List.copyOf(rules);
        this.forwardToRequestUri = forwardToRequestUri;
    }

    /** The routing decision: a target URI, or empty (404). */
    public Optional<Target> route(String user, String host, int port, boolean toUs, String requestUri,
            Function<String, String> headers) {
        for (RouteRule r : rules) {
            Optional<String> t = r.apply(user, host, headers);
            if (t.isPresent()) {
                return Optional.of(new Target(t.get(), r.transport(), r.agentMedia()));
            }
        }
        if (forwardToRequestUri && !toUs) {
            return Optional.of(new Target(requestUri, null, null));
        }
        return Optional.empty();
    }

    /** Where leg B goes, over which transport (null: from the URI) and with what media (null: the default). */
    public record Target(String uri, String transport, AgentMedia agentMedia) {
        public Target(String uri, String transport) {
            this(uri, transport, null);
        }
    }
}
