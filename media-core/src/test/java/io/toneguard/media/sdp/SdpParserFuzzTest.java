package io.toneguard.media.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Truncations and random mutations of valid descriptions: the parser must either reject them with an
 * SdpParseException (whose message never quotes a crypto key) or return a description that
 * survives write/parse unchanged.
 */
class SdpParserFuzzTest {
    private static final String ALPHABET = "0123456789 :/=-.,;|^abcmtvoszAZIPN\r\n\t\u0000\u0001\u00e9\u7f51+*#[]";

    @Test
    void everyTruncationOfEverySample() {
        for (String sample : SdpSamples.ALL) {
            String crlf = SdpSamples.crlf(sample);
            for (int end = 0; end <= crlf.length(); end++) {
                check(crlf.substring(0, end));
            }
        }
    }

    @Test
    void randomCharacterMutations() {
        Random random = new Random(0x5D9);
        for (int i = 0; i < 6_000; i++) {
            StringBuilder sb = new StringBuilder(SdpSamples.ALL[random.nextInt(SdpSamples.ALL.length)]);
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits && sb.length() > 0; e++) {
                int at = random.nextInt(sb.length());
                switch (random.nextInt(3)) {
                    case 0 -> sb.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                    case 1 -> sb.deleteCharAt(at);
                    default -> sb.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                }
            }
            check(sb.toString());
        }
    }

    @Test
    void randomLineShufflesAndDuplicates() {
        Random random = new Random(42);
        for (int i = 0; i < 5_000; i++) {
            List<String> lines = new ArrayList<>(Arrays.asList(SdpSamples.ALL[random.nextInt(SdpSamples.ALL.length)]
                    .split("\n")));
            int a = random.nextInt(lines.size());
            int b = random.nextInt(lines.size());
            switch (random.nextInt(3)) {
                case 0 -> {
                    String t = lines.get(a);
                    lines.set(a, lines.get(b));
                    lines.set(b, t);
                }
                case 1 -> lines.add(b, lines.get(a));
                default -> lines.remove(a);
            }
            check(String.join(random.nextBoolean() ? "\n" : "\r\n", lines));
        }
    }

    private static void check(String input) {
        SessionDescription sdp;
        try {
            sdp = SdpParser.parse(input);
        } catch (SdpParseException expected) {
            for (String key : List.of(SdpSamples.KEY_1, SdpSamples.KEY_2)) {
                for (int i = 0; i + 10 <= key.length(); i += 10) {
                    if (expected.getMessage().contains(key.substring(i, i + 10))) {
                        fail("error message quotes key material: " + expected.getMessage());
                    }
                }
            }
            return;
        } catch (RuntimeException e) {
            fail("unexpected " + e + " for input:\n" + input, e);
            return;
        }
        try {
            assertEquals(sdp, SdpParser.parse(sdp.encode()), () -> "round trip failed for:\n" + input);
        } catch (SdpParseException e) {
            fail("accepted input was written as something it rejects (" + e.getMessage() + "):\n" + input);
        }
    }
}
