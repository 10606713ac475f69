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
     * @param amount in major units, e.g. "25.00"
     */
    public record SelfService(String kind, String amount, String currency, String description) {
    }

    /** Loads and checks everything; messages name the key at fault. */
    public IvrSettings toSettings() {
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
            services.put(e.getKey(), selfService("ivr.selfService." + e.getKey(), e.getValue()));
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

    private static IvrSettings.SelfService selfService(String key, SelfService s) {
        if (s == null) {
            throw new ConfigException(key, "is empty");
        }
        CaptureKind kind;
        try {
            kind = CaptureKind.fromApiName(s.kind() == null ? "card" : s.kind());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + ".kind", e.getMessage());
        }
        Amount amount;
        try {
            java.util.Currency currency = java.util.Currency.getInstance(ConfigException.require(s.currency(), key + ".currency"));
            long minor = new java.math.BigDecimal(ConfigException.require(s.amount(), key + ".amount"))
                    .movePointRight(currency.getDefaultFractionDigits()).longValueExact();
            amount = new Amount(minor, currency);
        } catch (ArithmeticException | IllegalArgumentException e) {
            throw new ConfigException(key, "needs an amount like \"25.00\" and an ISO currency like GBP: " + e.getMessage());
        }
        if (amount.minorUnits() <= 0) {
            throw new ConfigException(key + ".amount", "must be more than zero");
        }
        return new IvrSettings.SelfService(kind, amount, s.description());
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
