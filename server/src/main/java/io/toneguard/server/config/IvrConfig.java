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

/**
 * The {@code ivr} section: the prompt set (built in per language, or a folder), the flow's fields,
 * attempts and timeouts. The prompts are loaded and checked at start, never discovered mid-call.
 */
public record IvrConfig(String language, String promptsFolder, boolean confirmAmount, List<String> cardFields,
        List<String> bankFields, int maxAttempts, double noInputTimeoutSeconds, double interDigitTimeoutSeconds,
        String agentHears, double announcementEverySeconds) {

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
        IvrSettings s = new IvrSettings(prompts, Say.ENGLISH, confirmAmount, card, bank, maxAttempts,
                Duration.ofMillis(Math.round(noInputTimeoutSeconds * 1000)), Duration.ofMillis(Math.round(interDigitTimeoutSeconds * 1000)),
                hears.equals("announcement"), Duration.ofMillis(Math.round(announcementEverySeconds * 1000)));
        try {
            prompts.requireIds(IvrSessions.requiredPromptIds(s));
        } catch (PromptSetException e) {
            throw new ConfigException(folder.isBlank() ? "ivr.language" : "ivr.promptsFolder", e.getMessage());
        }
        return s;
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
