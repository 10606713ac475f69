package io.toneguard.server.records;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PaymentRecordGuardTest {
    @Test
    void aMaskedNumberShowsAtMostTenDigits() {
        assertDoesNotThrow(() -> PaymentRecordGuard.checkMaskedAccount("411111******1111"));
        assertDoesNotThrow(() -> PaymentRecordGuard.checkMaskedAccount("•••• 1111"));
        assertDoesNotThrow(() -> PaymentRecordGuard.checkMaskedAccount(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PaymentRecordGuard.checkMaskedAccount("4111111*****1111"));
        assertFalse(e.getMessage().contains("4111"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PaymentRecordGuard.checkMaskedAccount("4111111111111111"));
        assertThrows(IllegalArgumentException.class, () -> PaymentRecordGuard.checkMaskedAccount("000123456789"));
    }

    @Test
    void cardNumbersInFreeTextAreFoundWhateverTheirGrouping() {
        for (String text : new String[] {"4111111111111111", "pay 4111111111111111 now", "4111 1111 1111 1111",
                "4111-1111-1111-1111", "3782 822463 10005", "ref:5555555555554444.", "6759649826438453",
                "card:4111111111111111;cvc", "501800000009" /* 12-digit Maestro-length run passing Luhn */,
                "４１１１１１１１１１１１１１１１" /* full-width digits */}) {
            assertTrue(PaymentRecordGuard.containsCardNumber(text), text);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PaymentRecordGuard.checkFreeText("description", text));
            assertTrue(e.getMessage().startsWith("description "), e.getMessage());
            assertFalse(e.getMessage().matches(".*\\d{4}.*"), e.getMessage());
        }
    }

    @Test
    void otherNumbersPass() {
        for (String text : new String[] {"", "INV-2025-0001", "123456789012" /* fails Luhn */,
                "79927398713" /* passes Luhn, 11 digits */, "4111111111111112" /* fails Luhn */,
                "41111111111111111111" /* 20 digits: longer than any card */, "4111  1111 1111 1111" /* double space */,
                "amount 25.50 GBP, 3 items"}) {
            assertFalse(PaymentRecordGuard.containsCardNumber(text), text);
        }
    }
}
