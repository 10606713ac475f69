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
    /**
     * A self-service number's payment, taken without an agent.
     *
     * @param currency what is paid in (a looked-up amount must be in it too)
     * @param amountFrom where the amount comes from
     * @param limits what a looked-up or keyed amount may be
     */
    public record SelfService(CaptureKind kind, java.util.Currency currency, AmountSource amountFrom, AmountLimits limits,
            String description) {
        public SelfService {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(currency, "currency");
            Objects.requireNonNull(amountFrom, "amountFrom");
            Objects.requireNonNull(limits, "limits");
            if (!limits.min().currency().equals(currency)) {
                throw new IllegalArgumentException("the limits must be in " + currency.getCurrencyCode());
            }
        }
    }

    /** Where a self-service number's amount comes from. */
    public sealed interface AmountSource {
        /** The amount written in the number's configuration. */
        record Fixed(Amount amount) implements AmountSource {
        }

        /**
         * Asked of an HTTP service when the call is answered.
         *
         * @param callerKeysOnFailure when the service fails, the caller keys the amount (else the call ends, apologising)
         */
        record Lookup(AmountLookup.Target target, boolean callerKeysOnFailure) implements AmountSource {
        }

        /** Keyed by the caller, in minor units (pence, cents), then confirmed. */
        record KeyedByCaller() implements AmountSource {
        }
    }

    /** The smallest and largest amount a self-service number takes, both in its currency. */
    public record AmountLimits(Amount min, Amount max) {
        public AmountLimits {
            if (!min.currency().equals(max.currency())) {
                throw new IllegalArgumentException("min and max must be in one currency");
            }
            if (min.minorUnits() < 1 || max.minorUnits() < min.minorUnits()) {
                throw new IllegalArgumentException("need 0 < min <= max, were " + min + " and " + max);
            }
        }

        public boolean allows(Amount a) {
            return a.currency().equals(min.currency()) && a.minorUnits() >= min.minorUnits() && a.minorUnits() <= max.minorUnits();
        }
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
