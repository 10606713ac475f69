package io.toneguard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.toneguard.sip.CallInfo;
import io.toneguard.sip.CallState;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallBindingsTest {
    private static CallInfo call(String id, String target, Map<String, String> answerHeaders) {
        return new CallInfo() {
            public String id() {
                return id;
            }

            public CallState state() {
                return CallState.CONFIRMED;
            }

            public String caller() {
                return "sip:caller@127.0.0.1";
            }

            public String target() {
                return target;
            }

            public Instant startedAt() {
                return Instant.EPOCH;
            }

            public Instant answeredAt() {
                return Instant.EPOCH;
            }

            public int callerMediaPort() {
                return 0;
            }

            public int agentMediaPort() {
                return 0;
            }

            public String agentAnswerHeader(String name) {
                return answerHeaders.get(name);
            }
        };
    }

    @Test
    void theTargetsUserPartNamesTheAgentOrItsExtension() {
        CallBindings b = new CallBindings(true, "", Map.of("1001", "alice"));
        b.callStarted(call("c1", "sip:1001@pbx.example;transport=tcp", Map.of()));
        b.callStarted(call("c2", "sips:bob@pbx.example", Map.of()));
        b.callStarted(call("c3", "tel:+441234", Map.of()));
        assertEquals("alice", b.agentOf("c1"));
        assertEquals("bob", b.agentOf("c2"));
        assertNull(b.agentOf("c3"), "no user part: unbound");
    }

    @Test
    void anAnswerHeaderWinsOverTheTargetAndAnExplicitBindWinsOverBoth() {
        CallBindings b = new CallBindings(true, "X-Agent", Map.of());
        CallInfo c = call("c1", "sip:queue@pbx", Map.of("X-Agent", " carol "));
        b.callStarted(c);
        assertEquals("queue", b.agentOf("c1"));
        b.callAnswered(c);
        assertEquals("carol", b.agentOf("c1"));
        b.bind("c1", "dave");
        b.callAnswered(c);
        assertEquals("dave", b.agentOf("c1"));
        b.callEnded("c1");
        assertNull(b.agentOf("c1"));
    }

    @Test
    void withTargetBindingOffOnlyTheHeaderOrTheAdminBinds() {
        CallBindings b = new CallBindings(false, "X-Agent", Map.of());
        CallInfo c = call("c1", "sip:alice@pbx", Map.of());
        b.callStarted(c);
        b.callAnswered(c);
        assertNull(b.agentOf("c1"));
    }
}
