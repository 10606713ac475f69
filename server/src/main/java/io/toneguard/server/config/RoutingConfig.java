package io.toneguard.server.config;

import io.toneguard.sip.AgentMedia;
import io.toneguard.sip.RouteRule;
import io.toneguard.sip.Router;
import java.util.ArrayList;
import java.util.List;

/** The {@code routing} section: where leg B goes. */
public record RoutingConfig(boolean forwardToRequestUri, List<Rule> rules) {

    /** One rule, as written in YAML; see {@link RouteRule}. */
    public record Rule(String userExact, String userPrefix, String userRegex, String host, String header,
            String headerRegex, String target, String userRewrite, String transport, String agentMedia) {
    }

    /** A target that ToneGuard answers itself, running the payment IVR entry of that name (ivr.selfService). */
    public static final String SELF_SERVICE = "self-service:";

    /** The self-service entry names the rules use. */
    public java.util.Set<String> selfServiceNames() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (Rule r : rules == null ? List.<Rule>of() : rules) {
            if (r != null && r.target() != null && r.target().startsWith(SELF_SERVICE)) {
                names.add(r.target().substring(SELF_SERVICE.length()));
            }
        }
        return names;
    }

    /** Checks the rules; messages name the rule at fault by its index. */
    public Router toRouter() {
        List<RouteRule> out = new ArrayList<>();
        List<Rule> given = rules == null ? List.of() : rules;
        for (int i = 0; i < given.size(); i++) {
            Rule r = given.get(i);
            String key = "routing.rules[" + i + "]";
            if (r == null || r.target() == null) {
                throw new ConfigException(key + ".target", "is required");
            }
            if (r.target().startsWith(SELF_SERVICE)) {
                if (r.target().length() == SELF_SERVICE.length()) {
                    throw new ConfigException(key + ".target", "names no self-service entry (self-service:<name> of ivr.selfService)");
                }
            } else if (!r.target().startsWith("sip:") && !r.target().startsWith("sips:")) {
                throw new ConfigException(key + ".target", "must be a sip: or sips: URI, or self-service:<name>, was " + r.target());
            }
            AgentMedia media = null;
            if (r.agentMedia() != null) {
                try {
                    media = AgentMedia.parse(r.agentMedia());
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(key + ".agentMedia", e.getMessage());
                }
            }
            try {
                out.add(new RouteRule(r.userExact(), r.userPrefix(), r.userRegex(), r.host(), r.header(),
                        r.headerRegex(), r.target(), r.userRewrite(), r.transport(), media));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key, e.getMessage());
            }
        }
        return new Router(out, forwardToRequestUri);
    }
}
