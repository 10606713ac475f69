package io.toneguard.psp.card;

/** Test fixtures: public test numbers as Strings (tests only), turned into buffers. */
public final class TestDigits {
    private TestDigits() {
    }

    public static SensitiveDigits of(String digits) {
        return SensitiveDigits.of(digits.toCharArray());
    }

    /** {@code prefix}, padded with zeros, plus the Luhn check digit: {@code length} digits in all. */
    public static String luhnValid(String prefix, int length) {
        StringBuilder sb = new StringBuilder(prefix);
        while (sb.length() < length - 1) {
            sb.append('0');
        }
        for (char check = '0'; check <= '9'; check++) {
            String candidate = sb.toString() + check;
            if (CardValidator.luhnValid(of(candidate))) {
                return candidate;
            }
        }
        throw new AssertionError("no check digit");
    }

    /** The same number with its check digit changed, so that Luhn fails. */
    public static String luhnInvalid(String prefix, int length) {
        String valid = luhnValid(prefix, length);
        char last = valid.charAt(length - 1);
        return valid.substring(0, length - 1) + (char) ('0' + (last - '0' + 1) % 10);
    }

    /** Eight routing digits plus the ABA check digit (3-7-1 weights). */
    public static String abaValid(String eight) {
        int[] w = {3, 7, 1, 3, 7, 1, 3, 7};
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += w[i] * (eight.charAt(i) - '0');
        }
        return eight + (char) ('0' + (10 - sum % 10) % 10);
    }
}
