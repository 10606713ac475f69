package io.toneguard.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.harness.sipp.Sipp;
import io.toneguard.harness.sipp.Sipp.SippProcess;
import io.toneguard.harness.sipp.Sipp.SippResult;
import java.time.Duration;

/** Runs a sipp agent and a sipp caller against each other; both must succeed. */
public final class SippCalls {
    public static final Duration WAIT = Duration.ofSeconds(20);

    private SippCalls() {
    }

    /** Returns {agent, caller} results. */
    public static SippResult[] call(Sipp agent, Sipp caller) throws Exception {
        try (SippProcess a = agent.start()) {
            assertTrue(a.awaitListening(Duration.ofSeconds(5)), "the agent sipp did not start listening");
            SippResult c;
            try (SippProcess cp = caller.start()) {
                c = cp.await(WAIT);
            }
            SippResult r = a.await(WAIT);
            assertEquals(0, c.exitCode(), "caller: " + c.describe());
            assertEquals(0, r.exitCode(), "agent: " + r.describe());
            return new SippResult[] {r, c};
        }
    }
}
