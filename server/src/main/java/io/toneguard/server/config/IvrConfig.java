package io.toneguard.server.config;

import io.toneguard.ivr.prompt.PromptSet;
import io.toneguard.ivr.prompt.PromptSetException;
import io.toneguard.ivr.say.Say;
import io.toneguard.server.capture.CaptureField;
import io.toneguard.server.capture.CaptureKind;
import io.toneguard.server.ivr.IvrSessions;
import io.toneguard.server.ivr.IvrSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.toneguard.psp.gateway.Amount;
import io.toneguard.server.ivr.AmountLookup;
import java.util.Currency;

/**
 * The {@code ivr} section: the prompt set (built in per language, or a folder), the flow's fields,
 * attempts and timeouts. The prompts are loaded and checked at start, never discovered mid-call.
 */
public record IvrConfig(String language, String promptsFolder, boolean confirmAmount, List<String> cardFields,
        List<String> bankFields, int maxAttempts, double noInputTimeoutSeconds, double interDigitTimeoutSeconds,
        String agentHears, double announcementEverySeconds, Map<String, SelfService> selfService) {

    /**
     * A self-service number's payment, named by routing rules whose target is {@code self-service:<name>}.
     *
     * @param amountFrom {@code configuration} (the default: {@code amount}), {@code lookup} (asked of
     *     an HTTP service) or {@code caller} (keyed by the caller)
     * @param amount in major units, e.g. "25.00"
     * @param minAmount the least a looked-up or keyed amount may be (default one minor unit)
     * @param maxAmount the most a looked-up or keyed amount may be (required for those)
     */
    public record SelfService(String kind, String amountFrom, String amount, String currency, String minAmount,
            String maxAmount, String description, Lookup lookup) {
    }

    /**
     * Where a self-service amount is looked up.
     *
     * @param timeoutMillis how long the caller waits for the answer (default 3000)
     * @param bearerToken sent as {@code Authorization: Bearer}; {@code env:NAME} reads the environment
     * @param callerKeysOnFailure when the service fails, the caller keys the amount instead of the call ending
     */
    public record Lookup(String url, Long timeoutMillis, String bearerToken, Map<String, String> headers,
            Boolean callerKeysOnFailure) {
    }

    /** The lookup's wait when none is configured. */
    static final long DEFAULT_LOOKUP_TIMEOUT_MILLIS = 3000;

    /** Loads and checks everything; messages name the key at fault; secrets from the environment. */
    public IvrSettings toSettings() {
        return toSettings(System::getenv);
    }

    /** As {@link #toSettings()}, with {@code env} looking up {@code env:NAME} secrets. */
    public IvrSettings toSettings(java.util.function.Function<String, String> env) {
        String lang = ConfigException.require(language, "ivr.language");
        if (!PromptSet.LANGUAGE.matcher(lang).matches()) {
            throw new ConfigException("ivr.language", "must be a language code like en or en-GB, was '" + lang + "'");
        }
        if (!lang.startsWith("en")) {
            throw new ConfigException("ivr.language", "numbers, amounts and dates can be said in English only so far (en)");
        }
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new ConfigException("ivr.maxAttempts", "must be 1-10, was " + maxAttempts);
        }
        if (!(noInputTimeoutSeconds >= 5 && noInputTimeoutSeconds <= 600)) {
            throw new ConfigException("ivr.noInputTimeoutSeconds", "must be 5-600, was " + noInputTimeoutSeconds);
        }
        if (!(interDigitTimeoutSeconds >= 1 && interDigitTimeoutSeconds <= 60)) {
            throw new ConfigException("ivr.interDigitTimeoutSeconds", "must be 1-60, was " + interDigitTimeoutSeconds);
        }
        String hears = ConfigException.require(agentHears, "ivr.agentHears");
        if (!hears.equals("silence") && !hears.equals("announcement")) {
            throw new ConfigException("ivr.agentHears", "must be silence or announcement, was '" + hears + "'");
        }
        if (!(announcementEverySeconds >= 5 && announcementEverySeconds <= 600)) {
            throw new ConfigException("ivr.announcementEverySeconds", "must be 5-600, was " + announcementEverySeconds);
        }
        List<CaptureField> card = fields(cardFields, CaptureKind.CARD, "ivr.cardFields");
        List<CaptureField> bank = fields(bankFields, CaptureKind.BANK_ACCOUNT, "ivr.bankFields");
        String folder = promptsFolder == null ? "" : promptsFolder;
        PromptSet prompts;
        try {
            prompts = folder.isBlank() ? PromptSet.fromClasspath(primary(lang)) : PromptSet.load(Path.of(folder), lang);
        } catch (PromptSetException e) {
            throw new ConfigException(folder.isBlank() ? "ivr.language" : "ivr.promptsFolder", e.getMessage());
        }
        Map<String, IvrSettings.SelfService> services = new java.util.TreeMap<>();
        for (Map.Entry<String, SelfService> e : (selfService == null ? Map.<String, SelfService>of() : selfService).entrySet()) {
            services.put(e.getKey(), selfService("ivr.selfService." + e.getKey(), e.getValue(), env));
        }
        IvrSettings s = new IvrSettings(prompts, Say.ENGLISH, confirmAmount, card, bank, maxAttempts,
                Duration.ofMillis(Math.round(noInputTimeoutSeconds * 1000)), Duration.ofMillis(Math.round(interDigitTimeoutSeconds * 1000)),
                hears.equals("announcement"), Duration.ofMillis(Math.round(announcementEverySeconds * 1000)), services);
        try {
            prompts.requireIds(IvrSessions.requiredPromptIds(s));
        } catch (PromptSetException e) {
            throw new ConfigException(folder.isBlank() ? "ivr.language" : "ivr.promptsFolder", e.getMessage());
        }
        return s;
    }

    private static IvrSettings.SelfService selfService(String key, SelfService s, java.util.function.Function<String, String> env) {
        if (s == null) {
            throw new ConfigException(key, "is empty");
        }
        CaptureKind kind;
        try {
            kind = CaptureKind.fromApiName(s.kind() == null ? "card" : s.kind());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + ".kind", e.getMessage());
        }
        Currency currency;
        try {
            currency = Currency.getInstance(ConfigException.require(s.currency(), key + ".currency"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + ".currency", "must be an ISO 4217 code such as GBP, was '" + s.currency() + "'");
        }
        String from = s.amountFrom() == null ? "configuration" : s.amountFrom();
        IvrSettings.AmountSource source;
        IvrSettings.AmountLimits limits;
        switch (from) {
            case "configuration" -> {
                Amount amount = amount(s.amount(), currency, key + ".amount");
                source = new IvrSettings.AmountSource.Fixed(amount);
                limits = new IvrSettings.AmountLimits(amount, amount);
                if (s.lookup() != null) {
                    throw new ConfigException(key + ".lookup", "is for amountFrom: lookup");
                }
            }
            case "lookup", "caller" -> {
                if (s.amount() != null) {
                    throw new ConfigException(key + ".amount", "is for amountFrom: configuration");
                }
                Amount min = s.minAmount() == null ? new Amount(1, currency) : amount(s.minAmount(), currency, key + ".minAmount");
                if (s.maxAmount() == null) {
                    throw new ConfigException(key + ".maxAmount", "is required when the amount is looked up or keyed (the most one call may pay)");
                }
                Amount max = amount(s.maxAmount(), currency, key + ".maxAmount");
                if (max.minorUnits() < min.minorUnits()) {
                    throw new ConfigException(key + ".maxAmount", "must not be less than minAmount");
                }
                limits = new IvrSettings.AmountLimits(min, max);
                if (from.equals("caller")) {
                    if (s.lookup() != null) {
                        throw new ConfigException(key + ".lookup", "is for amountFrom: lookup");
                    }
                    source = new IvrSettings.AmountSource.KeyedByCaller();
                } else {
                    source = lookup(key + ".lookup", ConfigException.require(s.lookup(), key + ".lookup"), env);
                }
            }
            default -> throw new ConfigException(key + ".amountFrom", "must be configuration, lookup or caller, was '" + from + "'");
        }
        return new IvrSettings.SelfService(kind, currency, source, limits, s.description());
    }

    private static IvrSettings.AmountSource.Lookup lookup(String key, Lookup l, java.util.function.Function<String, String> env) {
        java.net.URI url = OutboundHttp.secureUrl(l.url(), key + ".url");
        long timeout = l.timeoutMillis() == null ? DEFAULT_LOOKUP_TIMEOUT_MILLIS : l.timeoutMillis();
        if (timeout < 100 || timeout > 30_000) {
            throw new ConfigException(key + ".timeoutMillis", "must be 100-30000, was " + l.timeoutMillis());
        }
        Map<String, String> headers = OutboundHttp.headers(l.headers(), key + ".headers");
        if (l.bearerToken() != null && !l.bearerToken().isBlank()) {
            headers.put("Authorization", "Bearer " + PaymentsConfig.secret(l.bearerToken(), key + ".bearerToken", env));
        }
        return new IvrSettings.AmountSource.Lookup(new AmountLookup.Target(url, Duration.ofMillis(timeout), headers),
                Boolean.TRUE.equals(l.callerKeysOnFailure()));
    }

    /** An amount in major units ("25.00"), more than zero. */
    private static Amount amount(String major, Currency currency, String key) {
        Amount a;
        try {
            a = Amount.parse(ConfigException.require(major, key), currency);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ConfigException(key, e.getMessage());
        }
        if (a.minorUnits() <= 0) {
            throw new ConfigException(key, "must be more than zero");
        }
        return a;
    }

    private static String primary(String lang) {
        int dash = lang.indexOf('-');
        return dash < 0 ? lang : lang.substring(0, dash);
    }

    private static List<CaptureField> fields(List<String> names, CaptureKind kind, String key) {
        List<CaptureField> out = new ArrayList<>();
        for (String n : ConfigException.require(names, key)) {
            CaptureField f;
            try {
                f = CaptureField.fromApiName(n);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key, e.getMessage());
            }
            if (!kind.fields().contains(f)) {
                throw new ConfigException(key, n + " is not a field of a " + kind.apiName() + " payment");
            }
            out.add(f);
        }
        if (out.isEmpty()) {
            throw new ConfigException(key, "must name at least one field");
        }
        return out;
    }
}
