package io.toneguard.server.ivr;

import io.toneguard.ivr.prompt.PromptSet;
import io.toneguard.ivr.say.Say;
import io.toneguard.server.capture.CaptureField;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import io.toneguard.psp.gateway.Amount;
import io.toneguard.server.capture.CaptureKind;

/**
 * How payment IVR flows run: the prompt set and how numbers are said, whether the amount is
 * confirmed, the fields of each kind in order, attempts per field, the no-input timeout, and what
 * the agent hears meanwhile (silence, or a spoken notice every {@code announcementInterval}).
 */
public record IvrSettings(PromptSet prompts, Say say, boolean confirmAmount, List<CaptureField> cardFields,
        List<CaptureField> bankFields, int maxAttempts, Duration noInputTimeout, Duration interDigitTimeout,
        boolean announceToAgent, Duration announcementInterval, Map<String, SelfService> selfService) {
    /** A self-service number's payment: what is paid, without an agent. */
    public record SelfService(CaptureKind kind, Amount amount, String description) {
    }

    /** What the agent hears, now and then, while the caller is in the flow (ivr.agentHears: announcement). */
    public static final String AGENT_ANNOUNCEMENT = "agent-caller-in-ivr";

    public IvrSettings {
        Objects.requireNonNull(prompts, "prompts");
        Objects.requireNonNull(say, "say");
        cardFields = List.copyOf(cardFields);
        selfService = Map.copyOf(selfService);
        bankFields = List.copyOf(bankFields);
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }
}
