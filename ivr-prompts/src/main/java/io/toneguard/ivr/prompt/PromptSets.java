package io.toneguard.ivr.prompt;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The prompt sets a server has, one per language code, with a default for languages it lacks.
 * {@link #forLanguage} tries the exact code, then its primary language ({@code en-GB} -> {@code en}).
 */
public final class PromptSets {
    private final Map<String, PromptSet> byLanguage;
    private final PromptSet fallback;

    private PromptSets(Map<String, PromptSet> byLanguage, PromptSet fallback) {
        this.byLanguage = Collections.unmodifiableMap(byLanguage);
        this.fallback = fallback;
    }

    /** The sets given, keyed by their language; the first is the default. */
    public static PromptSets of(PromptSet first, PromptSet... more) {
        Map<String, PromptSet> map = new LinkedHashMap<>();
        map.put(key(first.language()), first);
        for (PromptSet s : more) {
            if (map.putIfAbsent(key(s.language()), s) != null) {
                throw new IllegalArgumentException("two prompt sets for language " + s.language());
            }
        }
        return new PromptSets(map, first);
    }

    /** The set for {@code language}, else for its primary language, else the default. */
    public PromptSet forLanguage(String language) {
        if (language != null) {
            String k = key(language);
            PromptSet s = byLanguage.get(k);
            if (s == null && k.indexOf('-') > 0) {
                s = byLanguage.get(k.substring(0, k.indexOf('-')));
            }
            if (s != null) {
                return s;
            }
        }
        return fallback;
    }

    public PromptSet defaultSet() {
        return fallback;
    }

    /** Language codes, the default first. */
    public Map<String, PromptSet> all() {
        return byLanguage;
    }

    private static String key(String language) {
        return language.toLowerCase(Locale.ROOT);
    }
}
