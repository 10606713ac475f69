package io.toneguard.psp.card;

import static io.toneguard.psp.card.TestDigits.of;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MaskingTest {
    private static final String SOURCE = "1234567890987654321"; // 19 distinct-looking digits

    @Test
    void lastFour() {
        assertEquals("\u2022\u2022\u2022\u2022 1111", Masking.lastFour(of("4111111111111111")));
        assertEquals("\u2022\u2022\u2022\u2022 0005", Masking.lastFour(of("378282246310005")));
        assertEquals("\u2022\u2022\u2022\u2022 5678", Masking.lastFour(of("12345678")));
    }

    @Test
    void shortValuesShowNoDigitAtAll() {
        assertEquals("\u2022\u2022\u2022\u2022", Masking.lastFour(of("1234567")));
        assertEquals("\u2022\u2022\u2022\u2022", Masking.lastFour(of("1234")));
        assertEquals("\u2022\u2022\u2022\u2022", Masking.lastFour(SensitiveDigits.empty()));
    }

    @Test
    void firstSixLastFour() {
        assertEquals("411111 \u2022\u2022\u2022\u2022\u2022\u2022 1111", Masking.firstSixLastFour(of("4111111111111111")));
        assertEquals("378282 \u2022\u2022\u2022\u2022\u2022 0005", Masking.firstSixLastFour(of("378282246310005")));
        assertEquals("422222 \u2022\u2022\u2022 2222", Masking.firstSixLastFour(of("4222222222222")));
        assertEquals("\u2022\u2022\u2022\u2022 9012", Masking.firstSixLastFour(of("123456789012"))); // 12 digits: last four only
    }

    /** For every length, the digits shown are exactly the first six (13+ digits) and last four (8+), in place. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 4, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19})
    void neverMoreThanFirstSixAndLastFour(int length) {
        String value = SOURCE.substring(0, length);
        SensitiveDigits d = of(value);
        String expectedLast = length >= 8 ? value.substring(length - 4) : "";
        String expectedFirst = length >= 13 ? value.substring(0, 6) : "";
        assertEquals(expectedLast, digitsIn(Masking.lastFour(d)));
        assertEquals(expectedFirst + expectedLast, digitsIn(Masking.firstSixLastFour(d)));
        if (length >= 13) {
            assertEquals(length - 10, Masking.firstSixLastFour(d).chars().filter(c -> c == Masking.MASK).count());
        }
    }

    @Test
    void digitCountOnly() {
        assertEquals("3 digits", Masking.digitCountOnly(of("737")));
        assertEquals("4 digits", Masking.digitCountOnly(of("7373")));
        assertEquals("1 digit", Masking.digitCountOnly(of("7")));
        assertEquals("no digits", Masking.digitCountOnly(SensitiveDigits.empty()));
    }

    private static String digitsIn(String s) {
        StringBuilder sb = new StringBuilder();
        s.chars().filter(Character::isDigit).forEach(c -> sb.append((char) c));
        return sb.toString();
    }
}
