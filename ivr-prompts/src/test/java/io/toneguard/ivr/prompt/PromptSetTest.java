package io.toneguard.ivr.prompt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.ivr.say.Say;
import io.toneguard.media.g711.G711Codec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading prompt sets: every problem reported at once, by file; good sets in every allowed encoding. */
class PromptSetTest {
    @TempDir
    Path dir;

    private void write(String name, byte[] bytes) throws IOException {
        Files.write(dir.resolve(name), bytes);
    }

    private void catalogue(String text) throws IOException {
        write(PromptSet.CATALOGUE, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void loadsPcm16MuLawAndALawFilesFromAFolder() throws Exception {
        short[] tone = TestWavs.tone(800, 8000);
        byte[] mu = new byte[tone.length];
        byte[] a = new byte[tone.length];
        for (int i = 0; i < tone.length; i++) {
            mu[i] = G711Codec.MU_LAW.encode(tone[i]);
            a[i] = G711Codec.A_LAW.encode(tone[i]);
        }
        catalogue("# a comment\n\nhello = Hello\r\nmu-law = Mu\nalaw=A law, with = in it\n");
        write("hello.wav", TestWavs.pcm16(tone));
        write("mu-law.wav", TestWavs.wav(7, 1, 8000, 8, mu));
        write("alaw.wav", TestWavs.wav(6, 1, 8000, 8, a));

        PromptSet set = PromptSet.load(dir, "fr");
        assertEquals("fr", set.language());
        assertEquals(List.of("hello", "mu-law", "alaw"), List.copyOf(set.ids()));
        assertArrayEquals(tone, set.get("hello").samples());
        assertEquals("A law, with = in it", set.get("alaw").text());
        assertEquals(100, set.get("mu-law").durationMillis());
        assertEquals(G711Codec.MU_LAW.decode(mu[7]), set.get("mu-law").samples()[7]);
        assertEquals(G711Codec.A_LAW.decode(a[9]), set.get("alaw").samples()[9]);
        assertEquals(2, set.clips(List.of("hello", "alaw")).size());
    }

    @Test
    void everyProblemIsListedInOneExceptionNamingItsFile() throws Exception {
        catalogue("good = Good\n"
                + "no-file = A prompt nobody recorded\n"
                + "wideband = Sixteen kilohertz\n"
                + "stereo = Two channels\n"
                + "float = Floating point\n"
                + "truncated = Cut short\n"
                + "empty = Nothing in it\n"
                + "not-a-wav = Text\n"
                + "this line has no equals sign\n"
                + "Bad_Id = Upper case\n"
                + "good = Listed twice\n"
                + "no-text =\n");
        write("good.wav", TestWavs.pcm16(TestWavs.tone(400, 5000)));
        write("wideband.wav", TestWavs.wav(1, 1, 16000, 16, new byte[640]));
        write("stereo.wav", TestWavs.wav(1, 2, 8000, 16, new byte[640]));
        write("float.wav", TestWavs.wav(3, 1, 8000, 32, new byte[640]));
        byte[] whole = TestWavs.pcm16(TestWavs.tone(400, 5000));
        write("truncated.wav", java.util.Arrays.copyOf(whole, 100));
        write("empty.wav", TestWavs.pcm16());
        write("not-a-wav.wav", "hello".getBytes(StandardCharsets.US_ASCII));

        PromptSetException e = assertThrows(PromptSetException.class, () -> PromptSet.load(dir, "en"));
        List<String> problems = e.problems();
        assertEquals(11, problems.size(), String.join("\n", problems));
        assertProblem(problems, "no-file.wav: missing");
        assertProblem(problems, "wideband.wav: expected 8000 Hz audio, found 16000 Hz");
        assertProblem(problems, "stereo.wav: expected mono audio, found 2 channels");
        assertProblem(problems, "float.wav: 32-bit floating-point audio is not supported");
        assertProblem(problems, "truncated.wav: truncated");
        assertProblem(problems, "empty.wav: no audio");
        assertProblem(problems, "not-a-wav.wav: not a WAV file");
        assertProblem(problems, "prompts.txt line 9: expected 'id = text'");
        assertProblem(problems, "prompts.txt line 10: bad id 'Bad_Id'");
        assertProblem(problems, "prompts.txt line 11: prompt 'good' is listed twice");
        assertProblem(problems, "prompts.txt line 12: prompt 'no-text' has no text");
        assertTrue(e.getMessage().startsWith("prompt set " + dir + ": 11 problem(s)"), e.getMessage());
        assertTrue(e.getMessage().contains("stereo.wav"), "the message lists the problems");
    }

    private static void assertProblem(List<String> problems, String start) {
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(start)), "no problem starting '" + start + "' in\n"
                + String.join("\n", problems));
    }

    @Test
    void aFolderWithoutACatalogueOrWithABadOneIsRefused() throws Exception {
        PromptSetException none = assertThrows(PromptSetException.class, () -> PromptSet.load(dir, "en"));
        assertEquals(List.of("prompts.txt: missing"), none.problems());

        catalogue("# only comments\n");
        PromptSetException empty = assertThrows(PromptSetException.class, () -> PromptSet.load(dir, "en"));
        assertEquals(List.of("prompts.txt: no prompts listed"), empty.problems());

        write(PromptSet.CATALOGUE, new byte[] {'a', ' ', '=', ' ', (byte) 0xC3, (byte) 0x28});
        PromptSetException binary = assertThrows(PromptSetException.class, () -> PromptSet.load(dir, "en"));
        assertEquals(List.of("prompts.txt: not UTF-8 text"), binary.problems());

        PromptSetException badLanguage = assertThrows(PromptSetException.class, () -> PromptSet.load(dir, "../x"));
        assertTrue(badLanguage.problems().get(0).startsWith("bad language code"));
    }

    @Test
    void aFileTooLargeIsRefusedWithoutReadingIt() throws Exception {
        catalogue("huge = Huge\n");
        write("huge.wav", new byte[PromptSet.MAX_FILE_BYTES + 1]);
        PromptSetException e = assertThrows(PromptSetException.class, () -> PromptSet.load(dir, "en"));
        assertTrue(e.problems().get(0).startsWith("huge.wav: cannot read (IOException: larger than"), e.getMessage());
    }

    @Test
    void requiredIdsThatAreMissingAreListed() throws Exception {
        catalogue("one = one\n");
        write("one.wav", TestWavs.pcm16(TestWavs.tone(400, 5000)));
        PromptSet set = PromptSet.load(dir, "en");
        assertSame(set, set.requireIds(List.of("one")));
        PromptSetException e = assertThrows(PromptSetException.class, () -> set.requireIds(List.of("one", "two", "goodbye")));
        assertEquals(List.of("two.wav: missing (prompt 'two' is needed)", "goodbye.wav: missing (prompt 'goodbye' is needed)"),
                e.problems());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> set.get("three"));
        assertTrue(unknown.getMessage().contains("no prompt 'three'"));
    }

    @Test
    void theShippedEnglishSetHasEveryFlowPromptAndEveryPartSayNeeds() throws Exception {
        PromptSet en = PromptSet.english();
        assertEquals("en", en.language());
        assertEquals("classpath:prompts/en/", en.source());
        en.requireIds(PromptIds.FLOW);
        en.requireIds(Say.ENGLISH.requiredIds());
        assertFalse(en.get(PromptIds.ENTER_CARD_NUMBER).text().isEmpty());
    }

    @Test
    void setsArePickedByLanguageWithFallback() throws Exception {
        catalogue("one = un\n");
        write("one.wav", TestWavs.pcm16(TestWavs.tone(400, 5000)));
        PromptSet en = PromptSet.english();
        PromptSet fr = PromptSet.load(dir, "fr");
        PromptSets sets = PromptSets.of(en, fr);
        assertSame(fr, sets.forLanguage("fr"));
        assertSame(fr, sets.forLanguage("fr-CA"));
        assertSame(en, sets.forLanguage("EN-gb"));
        assertSame(en, sets.forLanguage("de"));
        assertSame(en, sets.forLanguage(null));
        assertThrows(IllegalArgumentException.class, () -> PromptSets.of(en, fr, fr));
    }
}
