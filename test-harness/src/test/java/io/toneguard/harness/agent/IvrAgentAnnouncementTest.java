package io.toneguard.harness.agent;

import static io.toneguard.harness.agent.CallerScript.Source.BOTH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.dtmf.testing.LeakOracles;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** With ivr.agentHears: announcement, the agent hears a spoken notice (and nothing of the caller) during the flow. */
class IvrAgentAnnouncementTest extends IvrCallTest {
    @Override
    int sipPort() {
        return 39890;
    }

    @Override
    String ivrConfig() {
        return "  noInputTimeoutSeconds: 5\n  agentHears: announcement\n  announcementEverySeconds: 5\n";
    }

    @Test
    void theAgentHearsTheNoticeWhileTheCallerIsInTheFlow() throws Exception {
        CallerScript s = new CallerScript().at(1500).keys("1", BOTH).keys("4111", BOTH).at(2500);
        Run r = run(card("ivr-notice-1"), s, Duration.ZERO);
        assertEquals("noInput", r.outcome(), r.types().toString());
        double heard = audibleSeconds(r.agentHeard());
        assertTrue(heard > 2.0, "the agent hears the notice: " + heard + " s");
        LeakOracles.assertNothingDecodable(r.agentHeard());
    }
}
