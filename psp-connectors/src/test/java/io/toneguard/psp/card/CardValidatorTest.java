package io.toneguard.psp.card;

import static io.toneguard.psp.card.TestDigits.abaValid;
import static io.toneguard.psp.card.TestDigits.luhnInvalid;
import static io.toneguard.psp.card.TestDigits.luhnValid;
import static io.toneguard.psp.card.TestDigits.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.psp.card.Validation.Reason;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class CardValidatorTest {
    /** "Now" is 15 June 2025 for every expiry test. */
    static final Clock JUNE_2025 = Clock.fixed(Instant.parse("2025-06-15T12:00:00Z"), ZoneOffset.UTC);
    static final CardValidator V = new CardValidator(ValidationPolicy.DEFAULT.withClock(JUNE_2025));

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111111", "5555555555554444", "378282246310005", "6011111111111117",
        "3530111333300000", "30569309025904", "36227206271667", "6200000000000005", "4222222222222", "79927398713", "00"})
    void luhnAccepts(String number) {
        assertSame(Validation.VALID, V.luhn(of(number)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111112", "5555555555554440", "378282246310006", "79927398710", "01", "4111111111111121"})
    void luhnRejects(String number) {
        assertEquals(Reason.LUHN_FAILED, V.luhn(of(number)).reason());
    }

    @Test
    void luhnNeedsTwoDigits() {
        assertEquals(Reason.EMPTY, V.luhn(SensitiveDigits.empty()).reason());
        assertEquals(Reason.TOO_SHORT, V.luhn(of("0")).reason());
    }

    /** A valid and a Luhn-broken number for every range, at its shortest and longest length. */
    @ParameterizedTest(name = "{0} {1}-{2}")
    @CsvSource({
        "4, 13, 19", "51, 16, 16", "55, 16, 16", "2221, 16, 16", "2720, 16, 16", "34, 15, 15", "37, 15, 15",
        "6011, 16, 19", "644, 16, 19", "649, 16, 19", "65, 16, 19", "622126, 16, 19", "622925, 16, 19",
        "3528, 16, 19", "3589, 16, 19", "300, 14, 19", "305, 14, 19", "36, 14, 14", "38, 14, 19", "39, 14, 19",
        "5018, 12, 19", "5020, 12, 19", "5038, 12, 19", "5893, 12, 19", "6304, 12, 19", "6759, 12, 19",
        "6761, 12, 19", "6763, 12, 19", "62, 16, 19", "622125, 16, 19", "622926, 16, 19"
    })
    void cardNumberPerRange(String prefix, int min, int max) {
        for (int length : new int[] {min, max}) {
            assertSame(Validation.VALID, V.cardNumber(of(luhnValid(prefix, length))), prefix + " " + length);
            assertEquals(Reason.LUHN_FAILED, V.cardNumber(of(luhnInvalid(prefix, length))).reason());
        }
        assertEquals(Reason.TOO_SHORT, V.cardNumber(of(luhnValid(prefix, min - 1))).reason());
        if (max < 19) {
            assertEquals(Reason.TOO_LONG, V.cardNumber(of(luhnValid(prefix, max + 1))).reason());
        }
    }

    @ParameterizedTest(name = "{0}... ({1} digits): {2}")
    @CsvSource({
        "4, 14, WRONG_LENGTH", "4, 15, WRONG_LENGTH", "4, 17, WRONG_LENGTH", "4, 18, WRONG_LENGTH", "4, 12, TOO_SHORT",
        "4, 20, TOO_LONG", "51, 15, TOO_SHORT", "51, 17, TOO_LONG", "34, 16, TOO_LONG", "36, 16, TOO_LONG",
        "2220, 16, UNKNOWN_BRAND", "2721, 16, UNKNOWN_BRAND", "3527, 16, UNKNOWN_BRAND", "643, 16, UNKNOWN_BRAND",
        "306, 14, UNKNOWN_BRAND", "9, 16, UNKNOWN_BRAND", "6011, 15, TOO_SHORT", "5018, 11, TOO_SHORT"
    })
    void cardNumberRejects(String prefix, int length, Reason reason) {
        Validation v = V.cardNumber(of(luhnValid(prefix, length)));
        assertEquals(reason, v.reason());
        assertFalse(v.isValid());
        assertTrue(v.agentMessage().chars().noneMatch(Character::isDigit));
    }

    @Test
    void cardNumberEmpty() {
        assertEquals(Reason.EMPTY, V.cardNumber(SensitiveDigits.empty()).reason());
    }

    @Test
    void brandMustBeAccepted() {
        CardValidator visaOnly = new CardValidator(ValidationPolicy.DEFAULT.withAcceptedBrands(CardBrand.VISA));
        assertSame(Validation.VALID, visaOnly.cardNumber(of("4111111111111111")));
        Validation v = visaOnly.cardNumber(of("5555555555554444"));
        assertEquals(Reason.BRAND_NOT_ACCEPTED, v.reason());
        assertEquals("Mastercard cards are not accepted", v.agentMessage());
        assertEquals(Reason.BRAND_NOT_ACCEPTED, visaOnly.cardNumber(of(luhnValid("622200", 16))).reason());
    }

    @Test
    void coBrandedCardAcceptedWhenEitherBrandIs() {
        SensitiveDigits coBranded = of(luhnValid("622200", 16));
        assertSame(Validation.VALID,
                new CardValidator(ValidationPolicy.DEFAULT.withAcceptedBrands(CardBrand.UNIONPAY)).cardNumber(coBranded));
        assertSame(Validation.VALID,
                new CardValidator(ValidationPolicy.DEFAULT.withAcceptedBrands(CardBrand.DISCOVER)).cardNumber(coBranded));
        // a plain UnionPay card is not a Discover card
        assertEquals(Reason.BRAND_NOT_ACCEPTED, new CardValidator(ValidationPolicy.DEFAULT.withAcceptedBrands(CardBrand.DISCOVER))
                .cardNumber(of(luhnValid("620000", 16))).reason());
    }

    @ParameterizedTest(name = "typed {0}: {1}")
    @CsvSource({
        "4, VALID", "4111, VALID", "4111111111111111, VALID", "4111111111111111111, VALID",
        "41111111111111111111, TOO_LONG", "9, UNKNOWN_BRAND", "2220, UNKNOWN_BRAND", "3527, UNKNOWN_BRAND",
        "371234567890123, VALID", "3712345678901234, TOO_LONG", "36123456789012, VALID", "361234567890123, TOO_LONG",
        "5, VALID", "622126, VALID", "1, UNKNOWN_BRAND"
    })
    void partial(String typed, Reason reason) {
        assertEquals(reason, V.partial(of(typed)).reason());
    }

    @Test
    void partialEmptyIsFine() {
        assertSame(Validation.VALID, V.partial(SensitiveDigits.empty()));
    }

    @Test
    void partialReportsBrandNotAcceptedAsSoonAsKnown() {
        CardValidator visaOnly = new CardValidator(ValidationPolicy.DEFAULT.withAcceptedBrands(CardBrand.VISA));
        assertSame(Validation.VALID, visaOnly.partial(of("4")));
        Validation amex = visaOnly.partial(of("34"));
        assertEquals(Reason.BRAND_NOT_ACCEPTED, amex.reason());
        assertEquals("American Express cards are not accepted", amex.agentMessage());
        assertEquals(Reason.BRAND_NOT_ACCEPTED, visaOnly.partial(of("5")).reason()); // Mastercard or Maestro: neither taken
        CardValidator mcOnly = new CardValidator(ValidationPolicy.DEFAULT.withAcceptedBrands(CardBrand.MASTERCARD));
        assertSame(Validation.VALID, mcOnly.partial(of("5")));
        assertEquals(Reason.BRAND_NOT_ACCEPTED, mcOnly.partial(of("50")).reason());
        CardValidator unionPayOnly = new CardValidator(ValidationPolicy.DEFAULT.withAcceptedBrands(CardBrand.UNIONPAY));
        assertSame(Validation.VALID, unionPayOnly.partial(of("622126")));
    }

    @ParameterizedTest(name = "{0} in June 2025: {1}")
    @CsvSource({
        "0625, VALID", "0725, VALID", "1225, VALID", "0126, VALID", "0645, VALID",
        "0525, EXPIRED", "0125, EXPIRED", "1224, EXPIRED", "0600, EXPIRED",
        "0745, TOO_FAR_AHEAD", "0160, TOO_FAR_AHEAD", "0199, EXPIRED",
        "0025, INVALID_MONTH", "1325, INVALID_MONTH", "9925, INVALID_MONTH",
        "625, TOO_SHORT", "06250, TOO_LONG"
    })
    void expiry(String mmyy, Reason reason) {
        assertEquals(reason, V.expiry(of(mmyy)).reason());
    }

    @Test
    void expiryValidThroughTheLastDayOfItsMonth() {
        Clock lastMinute = Clock.fixed(Instant.parse("2025-06-30T23:59:59Z"), ZoneOffset.UTC);
        Clock nextMonth = Clock.fixed(Instant.parse("2025-07-01T00:00:00Z"), ZoneOffset.UTC);
        assertSame(Validation.VALID, new CardValidator(ValidationPolicy.DEFAULT.withClock(lastMinute)).expiry(of("0625")));
        assertEquals(Reason.EXPIRED, new CardValidator(ValidationPolicy.DEFAULT.withClock(nextMonth)).expiry(of("0625")).reason());
        assertEquals(Reason.EMPTY, V.expiry(SensitiveDigits.empty()).reason());
    }

    @Test
    void expiryAcrossTheCentury() {
        CardValidator in2098 = new CardValidator(ValidationPolicy.DEFAULT.withCurrentMonth(() -> YearMonth.of(2098, 11)));
        assertSame(Validation.VALID, in2098.expiry(of("0101"))); // January 2101
        assertEquals(Reason.EXPIRED, in2098.expiry(of("1098")).reason());
    }

    @ParameterizedTest(name = "{1} for {0}: {2}")
    @CsvSource({
        "AMEX, 1234, VALID", "AMEX, 123, TOO_SHORT", "AMEX, 12345, TOO_LONG",
        "VISA, 123, VALID", "VISA, 1234, TOO_LONG", "VISA, 12, TOO_SHORT",
        "MASTERCARD, 123, VALID", "DISCOVER, 123, VALID", "JCB, 123, VALID", "DINERS, 123, VALID",
        "MAESTRO, 123, VALID", "UNIONPAY, 123, VALID", "UNIONPAY, 1234, TOO_LONG"
    })
    void securityCode(CardBrand brand, String code, Reason reason) {
        assertEquals(reason, V.securityCode(of(code), brand).reason());
    }

    @Test
    void securityCodeMessages() {
        assertEquals("Security code must be four digits for American Express", V.securityCode(of("123"), CardBrand.AMEX).agentMessage());
        assertEquals("Security code must be three digits for Visa", V.securityCode(of("1234"), CardBrand.VISA).agentMessage());
        assertEquals(Reason.EMPTY, V.securityCode(SensitiveDigits.empty(), CardBrand.VISA).reason());
    }

    @ParameterizedTest(name = "US {0}: {1}")
    @CsvSource({"94107, VALID", "941071234, VALID", "9410, TOO_SHORT", "941070, WRONG_LENGTH", "94107123, WRONG_LENGTH",
        "9410712345, TOO_LONG"})
    void usZip(String zip, Reason reason) {
        assertEquals(reason, V.postcode(of(zip)).reason());
    }

    @Test
    void postcodeRulesPerCountry() {
        CardValidator uk = new CardValidator(ValidationPolicy.DEFAULT.withPostcode(PostcodeRule.forCountry("gb")));
        assertSame(Validation.VALID, uk.postcode(of("11"))); // SW1A 1AA
        assertSame(Validation.VALID, uk.postcode(of("601"))); // M60 1NW
        assertEquals(Reason.TOO_SHORT, uk.postcode(of("1")).reason());
        assertEquals(Reason.TOO_LONG, uk.postcode(of("6011")).reason());
        CardValidator custom = new CardValidator(ValidationPolicy.DEFAULT.withPostcode(PostcodeRule.between(3, 6)));
        assertSame(Validation.VALID, custom.postcode(of("123456")));
        assertEquals("Postcode must be three to six digits", custom.postcode(of("12")).agentMessage());
        assertEquals("Postcode must be five or nine digits", V.postcode(of("123")).agentMessage());
        assertEquals(Reason.EMPTY, V.postcode(SensitiveDigits.empty()).reason());
        assertEquals(PostcodeRule.US, PostcodeRule.forCountry("US"));
        assertEquals(PostcodeRule.FIVE_DIGITS, PostcodeRule.forCountry("de"));
        assertEquals(PostcodeRule.ANY, PostcodeRule.forCountry("XX"));
        assertEquals(5, PostcodeRule.US.minDigits());
        assertEquals(9, PostcodeRule.US.maxDigits());
        assertThrows(IllegalArgumentException.class, () -> PostcodeRule.between(4, 3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"011000015", "021000021", "026009593", "122105278", "011401533", "091000019", "000000518"})
    void routingValid(String aba) {
        assertSame(Validation.VALID, V.routingNumber(of(aba)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"011000016, CHECKSUM_FAILED", "123456789, CHECKSUM_FAILED", "021000012, CHECKSUM_FAILED",
        "026009539, CHECKSUM_FAILED", "01100001, TOO_SHORT", "0110000150, TOO_LONG", "000000000, INVALID_PREFIX"})
    void routingInvalid(String aba, Reason reason) {
        assertEquals(reason, V.routingNumber(of(aba)).reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"13", "20", "33", "60", "73", "79", "81", "99"})
    void routingPrefixOutsideFederalReserveRanges(String prefix) {
        String aba = abaValid(prefix + "000001");
        assertEquals(Reason.INVALID_PREFIX, V.routingNumber(of(aba)).reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"12", "21", "32", "61", "72", "80"})
    void routingPrefixInsideFederalReserveRanges(String prefix) {
        assertSame(Validation.VALID, V.routingNumber(of(abaValid(prefix + "000001"))));
    }

    @Test
    void accountLength() {
        assertEquals(Reason.EMPTY, V.accountNumber(SensitiveDigits.empty()).reason());
        assertEquals(Reason.TOO_SHORT, V.accountNumber(of("123")).reason());
        assertSame(Validation.VALID, V.accountNumber(of("1234")));
        assertSame(Validation.VALID, V.accountNumber(of("12345678901234567")));
        Validation tooLong = V.accountNumber(of("123456789012345678"));
        assertEquals(Reason.TOO_LONG, tooLong.reason());
        assertEquals("Account number must be four to seventeen digits", tooLong.agentMessage());
        CardValidator sixToTwelve = new CardValidator(ValidationPolicy.DEFAULT.withAccountDigits(6, 12));
        assertEquals(Reason.TOO_SHORT, sixToTwelve.accountNumber(of("12345")).reason());
        assertSame(Validation.VALID, sixToTwelve.accountNumber(of("123456789012")));
        assertEquals(Reason.TOO_LONG, sixToTwelve.accountNumber(of("1234567890123")).reason());
        assertThrows(IllegalArgumentException.class, () -> ValidationPolicy.DEFAULT.withAccountDigits(9, 8));
    }

    @ParameterizedTest
    @EnumSource(Reason.class)
    void defaultMessagesHaveNoDigits(Reason reason) {
        assertTrue(reason.defaultMessage().chars().noneMatch(Character::isDigit));
    }

    @Test
    void messagesWithDigitsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Validation.invalid(Reason.EXPIRED, "expired 0625"));
        assertFalse(e.getMessage().contains("0625"));
        assertThrows(IllegalArgumentException.class, () -> Validation.invalid(Reason.VALID, "fine"));
    }

    @Test
    void wipedBufferIsEmpty() {
        SensitiveDigits pan = of("4111111111111111");
        pan.close();
        assertEquals(Reason.EMPTY, V.cardNumber(pan).reason());
        assertEquals(Reason.EMPTY, V.expiry(pan).reason());
    }

    @Test
    void acceptedBrandsDefaultToAll() {
        for (CardBrand b : CardBrand.values()) {
            assertTrue(ValidationPolicy.DEFAULT.accepts(b));
        }
        assertFalse(ValidationPolicy.DEFAULT.withAcceptedBrands(CardBrand.VISA, CardBrand.AMEX).accepts(CardBrand.JCB));
    }
}
