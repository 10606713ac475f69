package io.toneguard.ivr.prompt;

import io.toneguard.media.wav.WavAudio;
import io.toneguard.media.wav.WavFormatException;
import io.toneguard.media.wav.WavReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The prompts of one language, all loaded and checked at start-up: the catalogue
 * ({@value #CATALOGUE}) and one WAV file per entry, 8 kHz mono, 16-bit PCM, mu-law or A-law. Any
 * problem (a missing or unreadable file, a catalogue entry without a file, a WAV in another
 * format, a required prompt missing) fails the load with one {@link PromptSetException} listing
 * them all, so nothing is discovered mid-call. Immutable and shareable between calls.
 */
public final class PromptSet {
    /** The catalogue's file name in a prompt folder. */
    public static final String CATALOGUE = "prompts.txt";
    /** Where the shipped sets live on the classpath: {@code prompts/<language>/}. */
    public static final String CLASSPATH_ROOT = "prompts/";
    /** A language code: ISO 639 with optional subtags ({@code en}, {@code en-GB}). */
    public static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{1,8})*");
    /** The largest prompt file read (about a minute of 16-bit PCM). */
    public static final int MAX_FILE_BYTES = 1 << 20;

    private final String language;
    private final String source;
    private final Map<String, Prompt> prompts;

    private PromptSet(String language, String source, Map<String, Prompt> prompts) {
        this.language = language;
        this.source = source;
        this.prompts = Collections.unmodifiableMap(prompts);
    }

    /** Loads the set in {@code folder} (a custom set from configuration). */
    public static PromptSet load(Path folder, String language) throws PromptSetException {
        return load(language, folder.toString(), name -> {
            Path file = folder.resolve(name);
            try {
                if (Files.size(file) > MAX_FILE_BYTES) {
                    throw new IOException("larger than " + MAX_FILE_BYTES + " bytes");
                }
                return Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                return null;
            }
        });
    }

    /** Loads a set shipped on the classpath under {@code prompts/<language>/}. */
    public static PromptSet fromClasspath(String language) throws PromptSetException {
        return fromClasspath(PromptSet.class.getClassLoader(), CLASSPATH_ROOT + language + "/", language);
    }

    /** Loads a set from the classpath folder {@code base} (ending in '/'). */
    public static PromptSet fromClasspath(ClassLoader loader, String base, String language) throws PromptSetException {
        return load(language, "classpath:" + base, name -> {
            try (InputStream in = loader.getResourceAsStream(base + name)) {
                if (in == null) {
                    return null;
                }
                byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
                if (bytes.length > MAX_FILE_BYTES) {
                    throw new IOException("larger than " + MAX_FILE_BYTES + " bytes");
                }
                return bytes;
            }
        });
    }

    /** The default English set shipped with ToneGuard. */
    public static PromptSet english() {
        try {
            return fromClasspath("en");
        } catch (PromptSetException e) {
            throw new IllegalStateException("the shipped English prompt set is broken: " + e.getMessage(), e);
        }
    }

    /** Reads one file of the set by name; null if it does not exist. */
    @FunctionalInterface
    private interface FileSource {
        byte[] read(String name) throws IOException;
    }

    private static PromptSet load(String language, String source, FileSource files) throws PromptSetException {
        List<String> problems = new ArrayList<>();
        if (language == null || !LANGUAGE.matcher(language).matches()) {
            problems.add("bad language code '" + language + "' (e.g. en, en-GB)");
            throw new PromptSetException(source, problems);
        }
        String content = readCatalogue(files, problems);
        if (content == null) {
            throw new PromptSetException(source, problems);
        }
        PromptCatalog catalogue = PromptCatalog.parse(content, CATALOGUE, problems);
        Map<String, Prompt> prompts = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : catalogue.texts().entrySet()) {
            String file = e.getKey() + ".wav";
            try {
                byte[] bytes = files.read(file);
                if (bytes == null) {
                    problems.add(file + ": missing (listed in " + CATALOGUE + ")");
                    continue;
                }
                WavAudio audio = WavReader.read(bytes, 8000);
                if (audio.samples().length == 0) {
                    problems.add(file + ": no audio");
                    continue;
                }
                prompts.put(e.getKey(), new Prompt(e.getKey(), e.getValue(), audio.samples()));
            } catch (WavFormatException ex) {
                problems.add(file + ": " + ex.getMessage());
            } catch (IOException | RuntimeException ex) {
                problems.add(file + ": cannot read (" + ex.getClass().getSimpleName()
                        + (ex.getMessage() == null ? "" : ": " + ex.getMessage()) + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new PromptSetException(source, problems);
        }
        return new PromptSet(language, source, prompts);
    }

    private static String readCatalogue(FileSource files, List<String> problems) {
        try {
            byte[] bytes = files.read(CATALOGUE);
            if (bytes == null) {
                problems.add(CATALOGUE + ": missing");
                return null;
            }
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            problems.add(CATALOGUE + ": not UTF-8 text");
        } catch (IOException | RuntimeException e) {
            problems.add(CATALOGUE + ": cannot read (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
        return null;
    }

    /** Checks that every one of {@code ids} is in the set (what a flow or a {@code Say} needs); returns this set. */
    public PromptSet requireIds(Collection<String> ids) throws PromptSetException {
        List<String> problems = new ArrayList<>();
        for (String id : ids) {
            if (!prompts.containsKey(id)) {
                problems.add(id + ".wav: missing (prompt '" + id + "' is needed)");
            }
        }
        if (!problems.isEmpty()) {
            throw new PromptSetException(source, problems);
        }
        return this;
    }

    /** The language code, e.g. {@code en}. */
    public String language() {
        return language;
    }

    /** Where the set was loaded from (a folder, or {@code classpath:prompts/en/}). */
    public String source() {
        return source;
    }

    public boolean contains(String id) {
        return prompts.containsKey(id);
    }

    /** The ids, in catalogue order. */
    public Set<String> ids() {
        return prompts.keySet();
    }

    public int size() {
        return prompts.size();
    }

    /** The prompt {@code id}; an unknown id is a programming error (sets are validated at load). */
    public Prompt get(String id) {
        Prompt p = prompts.get(id);
        if (p == null) {
            throw new IllegalArgumentException("no prompt '" + id + "' in prompt set " + language + " (" + source + ")");
        }
        return p;
    }

    /** The prompts of a sequence of ids, in order. */
    public List<Prompt> clips(List<String> ids) {
        List<Prompt> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            out.add(get(id));
        }
        return out;
    }

    @Override
    public String toString() {
        return "PromptSet[" + language + ", " + prompts.size() + " prompts, " + source + "]";
    }
}
