package io.toneguard.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouterTest {
    private static final Map<String, String> NO_HEADERS = Map.of();

    private static Optional<Router.Target> route(Router r, String user, String host, boolean toUs, Map<String, String> headers) {
        return r.route(user, host, 5060, toUs, "sip:" + user + "@" + host, headers::get);
    }

    @Test
    void firstMatchingRuleWins() {
        Router r = new Router(List.of(
                new RouteRule("100", null, null, null, null, null, "sip:exact@10.0.0.1", null, null),
                new RouteRule(null, "0800", null, null, null, null, "sip:payments@10.0.0.2", "$user", "tcp"),
                new RouteRule(null, null, "44(\\d+)", null, null, null, "sip:uk@10.0.0.3", "0$1", null),
                new RouteRule(null, null, null, "pbx.example.com", null, null, "sip:pbx@10.0.0.4", null, null),
                new RouteRule(null, null, null, null, "X-Queue", "sales|support", "sip:queue@10.0.0.5", null, null)),
                false);
        assertEquals("sip:exact@10.0.0.1", route(r, "100", "tg", true, NO_HEADERS).get().uri());
        Router.Target t = route(r, "08001234", "tg", true, NO_HEADERS).get();
        assertEquals("sip:08001234@10.0.0.2", t.uri());
        assertEquals("tcp", t.transport());
        assertEquals("sip:0207946@10.0.0.3", route(r, "44207946", "tg", true, NO_HEADERS).get().uri());
        assertEquals("sip:pbx@10.0.0.4", route(r, "x", "PBX.example.com", true, NO_HEADERS).get().uri());
        assertEquals("sip:queue@10.0.0.5", route(r, "x", "tg", true, Map.of("X-Queue", "support")).get().uri());
        assertTrue(route(r, "x", "tg", true, Map.of("X-Queue", "billing")).isEmpty());
        assertTrue(route(r, "999", "tg", false, NO_HEADERS).isEmpty(), "no default forwarding configured");
    }

    @Test
    void withoutARuleTheRequestUriIsTheNextHopUnlessItIsUs() {
        Router r = new Router(List.of(), true);
        assertEquals("sip:agent@127.0.0.1:5070", r.route("agent", "127.0.0.1", 5070, false,
                "sip:agent@127.0.0.1:5070", h -> null).get().uri());
        assertTrue(r.route("agent", "127.0.0.1", 5060, true, "sip:agent@127.0.0.1", h -> null).isEmpty());
    }

    @Test
    void badRulesAreRefused() {
        assertThrows(RuntimeException.class, () -> new RouteRule(null, null, "(", null, null, null, "sip:x@y", null, null));
        assertThrows(IllegalArgumentException.class, () -> new RouteRule(null, null, null, null, "X-A", null, "sip:x@y", null, null));
        assertThrows(IllegalArgumentException.class, () -> new RouteRule(null, null, null, null, null, null, "sip:x@y", null, "sctp"));
        assertThrows(NullPointerException.class, () -> new RouteRule(null, null, null, null, null, null, null, null, null));
    }
}
