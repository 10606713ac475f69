package io.toneguard.ivr.say;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The id sequences English uses for digits, numbers, amounts and dates. */
class EnglishSayTest {
    private final Say say = Say.ENGLISH;

    private static List<String> ids(String spaced) {
        return List.of(spaced.split(" "));
    }

    @Test
    void digitsOneByOne() {
        char[] lastFour = {'1', '1', '1', '1'};
        assertEquals(ids("one one one one"), say.digits(lastFour, 0, 4));
        char[] some = {'9', '0', '4', '2', '7'};
        assertEquals(ids("zero four two"), say.digits(some, 1, 3));
        assertEquals(List.of(), say.digits(some, 5, 0));
    }

    @Test
    void aBadDigitIsRefusedByPositionNeverByValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> say.digits(new char[] {'4', 'x', '7'}, 0, 3));
        assertEquals("not a digit at position 1", e.getMessage());
        assertFalse(e.getMessage().contains("4") || e.getMessage().contains("7"));
        assertThrows(IndexOutOfBoundsException.class, () -> say.digits(new char[4], 2, 3));
    }

    @Test
    void numbersTheBritishWay() {
        assertEquals(ids("zero"), say.number(0));
        assertEquals(ids("seven"), say.number(7));
        assertEquals(ids("thirteen"), say.number(13));
        assertEquals(ids("twenty"), say.number(20));
        assertEquals(ids("forty two"), say.number(42));
        assertEquals(ids("one hundred"), say.number(100));
        assertEquals(ids("one hundred and one"), say.number(101));
        assertEquals(ids("nine hundred and ninety nine"), say.number(999));
        assertEquals(ids("one thousand"), say.number(1000));
        assertEquals(ids("two thousand and five"), say.number(2005));
        assertEquals(ids("one thousand one hundred"), say.number(1100));
        assertEquals(ids("one thousand two hundred and thirty four"), say.number(1234));
        assertEquals(ids("one hundred thousand and one"), say.number(100_001));
        assertEquals(ids("one million"), say.number(1_000_000));
        assertEquals(ids("one million and fifty"), say.number(1_000_050));
        assertEquals(ids("one million two hundred thousand"), say.number(1_200_000));
        assertEquals(ids("nine hundred and ninety nine million nine hundred and ninety nine thousand "
                + "nine hundred and ninety nine"), say.number(999_999_999));
        assertThrows(IllegalArgumentException.class, () -> say.number(1_000_000_000));
        assertThrows(IllegalArgumentException.class, () -> say.number(-1));
    }

    @Test
    void poundsAndPence() {
        Currency gbp = Currency.getInstance("GBP");
        assertEquals(ids("twenty five pounds and fifty pence"), say.amount(2550, gbp));
        assertEquals(ids("twenty five pounds"), say.amount(2500, gbp));
        assertEquals(ids("one pound"), say.amount(100, gbp));
        assertEquals(ids("one pound and one penny"), say.amount(101, gbp));
        assertEquals(ids("fifty pence"), say.amount(50, gbp));
        assertEquals(ids("one penny"), say.amount(1, gbp));
        assertEquals(ids("zero pounds"), say.amount(0, gbp));
        assertEquals(ids("one thousand two hundred and fifty pounds and five pence"), say.amount(125_005, gbp));
    }

    @Test
    void dollarsAndEurosAndOtherCurrencies() {
        assertEquals(ids("one dollar and ninety nine cents"), say.amount(199, Currency.getInstance("USD")));
        assertEquals(ids("one cent"), say.amount(1, Currency.getInstance("USD")));
        assertEquals(ids("ten euros and one cent"), say.amount(1001, Currency.getInstance("EUR")));
        assertEquals(ids("one euro"), say.amount(100, Currency.getInstance("EUR")));
        assertEquals(ids("ten point five zero letter-c letter-h letter-f"), say.amount(1050, Currency.getInstance("CHF")));
        assertEquals(ids("ten point zero five letter-c letter-h letter-f"), say.amount(1005, Currency.getInstance("CHF")));
        assertEquals(ids("ten letter-c letter-h letter-f"), say.amount(1000, Currency.getInstance("CHF")));
        assertEquals(ids("one thousand five hundred letter-j letter-p letter-y"), say.amount(1500, Currency.getInstance("JPY")));
        assertEquals(ids("one point two three four letter-b letter-h letter-d"), say.amount(1234, Currency.getInstance("BHD")));
        assertThrows(IllegalArgumentException.class, () -> say.amount(-1, Currency.getInstance("GBP")));
        assertThrows(IllegalArgumentException.class, () -> say.amount(100_000_000_000L, Currency.getInstance("GBP")));
    }

    @Test
    void monthsYearsAndExpiries() {
        assertEquals(ids("december twenty thirty"), say.expiry(12, 30));
        assertEquals(ids("january two thousand and seven"), say.expiry(1, 7));
        assertEquals(ids("may two thousand"), say.expiry(5, 0));
        assertEquals(ids("june twenty twenty five"), say.expiry(6, 25));
        assertEquals(ids("september twenty ten"), say.expiry(9, 10));
        assertEquals(ids("twenty ninety nine"), say.year(2099));
        assertThrows(IllegalArgumentException.class, () -> say.month(0));
        assertThrows(IllegalArgumentException.class, () -> say.month(13));
        assertThrows(IllegalArgumentException.class, () -> say.year(1999));
        assertThrows(IllegalArgumentException.class, () -> say.expiry(12, 100));
    }

    @Test
    void referencesAreSaidCharacterByCharacter() {
        assertEquals(ids("letter-a letter-b one two letter-z"), say.characters("ab-12 Z"));
    }

    @Test
    void everyIdUsedIsDeclared() {
        List<List<String>> samples = List.of(say.number(987_654_321), say.number(1_013_017),
                say.amount(1_234_567, Currency.getInstance("GBP")), say.amount(101, Currency.getInstance("USD")),
                say.amount(201, Currency.getInstance("EUR")), say.amount(1, Currency.getInstance("GBP")),
                say.amount(1, Currency.getInstance("EUR")), say.amount(1234, Currency.getInstance("KWD")),
                say.characters("abcdefghijklmnopqrstuvwxyz0123456789"));
        for (List<String> s : samples) {
            assertTrue(say.requiredIds().containsAll(s), s.toString());
        }
        for (int m = 1; m <= 12; m++) {
            assertTrue(say.requiredIds().containsAll(say.month(m)));
        }
        for (int y = 2000; y <= 2099; y++) {
            assertTrue(say.requiredIds().containsAll(say.year(y)));
        }
    }
}
