package io.toneguard.psp.card;

/**
 * A payment card as captured from the keypad: number, expiry (MMYY), security code and postcode,
 * each in its own zeroable buffer. Closing the card wipes them all. {@link #toString()} shows
 * nothing sensitive.
 */
public final class Card implements AutoCloseable {
    private final SensitiveDigits number;
    private final SensitiveDigits expiry;
    private final SensitiveDigits securityCode;
    private final SensitiveDigits postcode;

    /** Takes ownership of the buffers (any may be empty, e.g. no postcode asked for). */
    public Card(SensitiveDigits number, SensitiveDigits expiry, SensitiveDigits securityCode, SensitiveDigits postcode) {
        this.number = number;
        this.expiry = expiry;
        this.securityCode = securityCode;
        this.postcode = postcode;
    }

    public SensitiveDigits number() {
        return number;
    }

    /** MMYY. */
    public SensitiveDigits expiry() {
        return expiry;
    }

    public SensitiveDigits securityCode() {
        return securityCode;
    }

    public SensitiveDigits postcode() {
        return postcode;
    }

    /** Expiry month 1-12 (expiry must hold 4 digits). */
    public int expiryMonth() {
        return (int) expiry.number(0, 2);
    }

    /** Expiry year, four digits (20YY). */
    public int expiryYear() {
        return 2000 + (int) expiry.number(2, 4);
    }

    /** Wipes the security code alone: as soon as the authorization answer arrives, whatever it is. */
    public void wipeSecurityCode() {
        securityCode.clear();
    }

    @Override
    public void close() {
        number.close();
        expiry.close();
        securityCode.close();
        postcode.close();
    }

    @Override
    public String toString() {
        return "Card[redacted]";
    }
}
