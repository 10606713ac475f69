package io.toneguard.psp.card;

import static io.toneguard.psp.card.TestDigits.luhnValid;
import static io.toneguard.psp.card.TestDigits.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CardBrandTest {

    /** prefix, length, brand (or NONE): detection by the leading digits, boundaries included. */
    @ParameterizedTest(name = "{0}... ({1} digits) is {2}")
    @CsvSource({
        "4, 16, VISA", "4, 13, VISA", "4, 19, VISA",
        "51, 16, MASTERCARD", "55, 16, MASTERCARD", "50, 16, NONE", "56, 16, NONE",
        "2220, 16, NONE", "2221, 16, MASTERCARD", "2720, 16, MASTERCARD", "2721, 16, NONE",
        "34, 15, AMEX", "37, 15, AMEX", "33, 15, NONE",
        "6011, 16, DISCOVER", "6012, 16, NONE", "643, 16, NONE", "644, 16, DISCOVER", "649, 16, DISCOVER",
        "65, 16, DISCOVER", "622125, 16, UNIONPAY", "622126, 16, DISCOVER", "622925, 16, DISCOVER",
        "622926, 16, UNIONPAY", "62, 16, UNIONPAY", "6299, 19, UNIONPAY",
        "3527, 16, NONE", "3528, 16, JCB", "3589, 16, JCB", "3590, 16, NONE",
        "300, 14, DINERS", "305, 14, DINERS", "306, 14, NONE", "309, 14, NONE", "36, 14, DINERS", "38, 14, DINERS",
        "39, 16, DINERS",
        "5018, 12, MAESTRO", "5020, 12, MAESTRO", "5038, 12, MAESTRO", "5893, 19, MAESTRO", "6304, 16, MAESTRO",
        "6759, 16, MAESTRO", "6761, 16, MAESTRO", "6763, 16, MAESTRO", "6760, 16, NONE", "6764, 16, NONE",
        "5019, 16, NONE",
        "1, 16, NONE", "7, 16, NONE", "8, 16, NONE", "9, 16, NONE", "0, 16, NONE"
    })
    void detectsByLongestPrefix(String prefix, int length, String expected) {
        Optional<CardBrand> brand = CardBrand.detect(of(luhnValid(prefix, length)));
        assertEquals(expected.equals("NONE") ? Optional.empty() : Optional.of(CardBrand.valueOf(expected)), brand);
    }

    /** brand, prefix, valid lengths (space separated), invalid lengths. */
    @ParameterizedTest(name = "{0} {1}: valid {2}, invalid {3}")
    @CsvSource({
        "VISA, 4, 13 16 19, 12 14 15 17 18",
        "MASTERCARD, 51, 16, 15 17",
        "MASTERCARD, 2221, 16, 15 17 19",
        "AMEX, 34, 15, 14 16",
        "AMEX, 37, 15, 13 16",
        "DISCOVER, 6011, 16 17 18 19, 15 14",
        "DISCOVER, 644, 16 19, 15",
        "DISCOVER, 65, 16 19, 15",
        "DISCOVER, 622126, 16 19, 15",
        "JCB, 3528, 16 17 18 19, 15",
        "DINERS, 300, 14 15 16 19, 13 12",
        "DINERS, 36, 14, 13 15 16 19",
        "DINERS, 38, 14 19, 13",
        "MAESTRO, 6759, 12 13 16 19, 11",
        "MAESTRO, 5018, 12 19, 11",
        "UNIONPAY, 62, 16 17 18 19, 15 14"
    })
    void lengthsByRange(CardBrand brand, String prefix, String valid, String invalid) {
        for (String l : valid.split(" ")) {
            SensitiveDigits pan = of(luhnValid(prefix, Integer.parseInt(l)));
            assertEquals(Optional.of(brand), CardBrand.detect(pan));
            assertTrue(brand.isValidLength(pan), "length " + l);
        }
        for (String l : invalid.split(" ")) {
            SensitiveDigits pan = of(luhnValid(prefix, Integer.parseInt(l)));
            assertFalse(brand.isValidLength(pan), "length " + l);
        }
    }

    @Test
    void minAndMaxLengthOverAllRanges() {
        assertEquals(13, CardBrand.VISA.minLength());
        assertEquals(19, CardBrand.VISA.maxLength());
        assertEquals(16, CardBrand.MASTERCARD.minLength());
        assertEquals(16, CardBrand.MASTERCARD.maxLength());
        assertEquals(15, CardBrand.AMEX.maxLength());
        assertEquals(14, CardBrand.DINERS.minLength());
        assertEquals(12, CardBrand.MAESTRO.minLength());
        assertEquals(19, CardBrand.UNIONPAY.maxLength());
    }

    @Test
    void securityCodeLengthAndNames() {
        for (CardBrand b : CardBrand.values()) {
            assertEquals(b == CardBrand.AMEX ? 4 : 3, b.securityCodeLength(), b.name());
            assertFalse(b.displayName().chars().anyMatch(Character::isDigit), "digit-free name");
        }
        assertEquals("American Express", CardBrand.AMEX.displayName());
        assertEquals("Mastercard", CardBrand.MASTERCARD.displayName());
    }

    @Test
    void coBrandedRangeMatchesBothButDetectsAsDiscover() {
        SensitiveDigits pan = of(luhnValid("6221500", 16));
        assertTrue(CardBrand.DISCOVER.matches(pan));
        assertTrue(CardBrand.UNIONPAY.matches(pan));
        assertEquals(Optional.of(CardBrand.DISCOVER), CardBrand.detect(pan));
    }

    /** prefix being typed, brand known so far (or NONE). */
    @ParameterizedTest(name = "typed {0} -> {1}")
    @CsvSource({
        "4, VISA", "41, VISA", "5, NONE", "51, MASTERCARD", "2, MASTERCARD", "22, MASTERCARD", "27, MASTERCARD",
        "50, MAESTRO", "58, MAESTRO", "3, NONE", "34, AMEX", "37, AMEX", "35, JCB", "36, DINERS", "30, DINERS",
        "6, NONE", "60, DISCOVER", "64, DISCOVER", "65, DISCOVER", "63, MAESTRO", "67, MAESTRO",
        "62, NONE", "620, UNIONPAY", "6221, NONE", "62212, NONE", "622126, DISCOVER", "622125, UNIONPAY",
        "6229, NONE", "62292, NONE", "622926, UNIONPAY", "623, UNIONPAY",
        "9, NONE", "1, NONE", "2220, NONE", "33, NONE"
    })
    void detectsWhileTyping(String typed, String expected) {
        assertEquals(expected.equals("NONE") ? Optional.empty() : Optional.of(CardBrand.valueOf(expected)),
                CardBrand.detectPrefix(of(typed)));
    }

    @Test
    void possibleBrandsWhileTyping() {
        assertEquals(EnumSet.of(CardBrand.MASTERCARD, CardBrand.MAESTRO), CardBrand.possibleBrands(of("5")));
        assertEquals(EnumSet.of(CardBrand.AMEX, CardBrand.JCB, CardBrand.DINERS), CardBrand.possibleBrands(of("3")));
        assertEquals(EnumSet.of(CardBrand.DISCOVER, CardBrand.UNIONPAY), CardBrand.possibleBrands(of("622")));
        assertEquals(EnumSet.of(CardBrand.DISCOVER, CardBrand.MAESTRO, CardBrand.UNIONPAY), CardBrand.possibleBrands(of("6")));
        assertTrue(CardBrand.possibleBrands(of("9")).isEmpty());
        assertEquals(EnumSet.allOf(CardBrand.class), CardBrand.possibleBrands(SensitiveDigits.empty()));
        assertEquals(19, CardBrand.maxLengthPossible(of("4")));
        assertEquals(14, CardBrand.maxLengthPossible(of("36")));
        assertEquals(15, CardBrand.maxLengthPossible(of("37")));
        assertEquals(0, CardBrand.maxLengthPossible(of("9")));
    }
}
