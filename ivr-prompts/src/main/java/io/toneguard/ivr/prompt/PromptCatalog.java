package io.toneguard.ivr.prompt;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The catalogue of a prompt set ({@value PromptSet#CATALOGUE}): one prompt per line, {@code id = text},
 * UTF-8; blank lines and lines starting with {@code #} are ignored. The audio of a prompt is the
 * file {@code <id>.wav} beside the catalogue.
 */
public final class PromptCatalog {
    /** Ids are file names too: lower-case letters, digits and '-', starting with a letter or digit. */
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final Map<String, String> texts;

    private PromptCatalog(Map<String, String> texts) {
        this.texts = Collections.unmodifiableMap(texts);
    }

    /**
     * Parses a catalogue, adding one line to {@code problems} per bad line (number and reason);
     * the good lines are kept.
     */
    public static PromptCatalog parse(String content, String name, List<String> problems) {
        Map<String, String> texts = new LinkedHashMap<>();
        String[] lines = content.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1).strip();
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = name + " line " + (i + 1) + ": ";
            int eq = line.indexOf('=');
            if (eq < 0) {
                problems.add(where + "expected 'id = text'");
                continue;
            }
            String id = line.substring(0, eq).strip();
            String text = line.substring(eq + 1).strip();
            if (!ID.matcher(id).matches()) {
                problems.add(where + "bad id '" + printable(id) + "' (use a-z, 0-9 and '-')");
            } else if (text.isEmpty()) {
                problems.add(where + "prompt '" + id + "' has no text");
            } else if (texts.putIfAbsent(id, text) != null) {
                problems.add(where + "prompt '" + id + "' is listed twice");
            }
        }
        if (texts.isEmpty() && problems.isEmpty()) {
            problems.add(name + ": no prompts listed");
        }
        return new PromptCatalog(texts);
    }

    /** Id to text, in catalogue order. */
    public Map<String, String> texts() {
        return texts;
    }

    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
