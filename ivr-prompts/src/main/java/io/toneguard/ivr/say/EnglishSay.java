package io.toneguard.ivr.say;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * English, British usage.
 * <ul>
 *   <li>Numbers: "one hundred and twenty three", "two thousand and five", "one million two
 *       hundred thousand"; "and" before a last group under a hundred.</li>
 *   <li>Amounts: "twenty five pounds and fifty pence", "one pound", "fifty pence", "zero pounds";
 *       dollars and cents, euros and cents likewise. Other currencies: "ten point five zero C H F",
 *       "one thousand five hundred J P Y".</li>
 *   <li>Years: 2000-2009 "two thousand (and seven)", 2010-2099 "twenty thirty", "twenty twenty five".</li>
 * </ul>
 */
final class EnglishSay implements Say {
    private static final long MAX_NUMBER = 999_999_999L;
    private static final String[] ONES = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen"};
    private static final String[] TENS = {null, null, "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
        "eighty", "ninety"};
    private static final String[] MONTHS = {"january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december"};
    private static final String HUNDRED = "hundred";
    private static final String THOUSAND = "thousand";
    private static final String MILLION = "million";
    private static final String AND = "and";
    private static final String POINT = "point";
    private static final String LETTER = "letter-";

    /** Unit names of the currencies said with words: singular and plural major, singular and plural minor. */
    private enum Named {
        GBP("pound", "pounds", "penny", "pence"),
        USD("dollar", "dollars", "cent", "cents"),
        EUR("euro", "euros", "cent", "cents");

        final String major;
        final String majors;
        final String minor;
        final String minors;

        Named(String major, String majors, String minor, String minors) {
            this.major = major;
            this.majors = majors;
            this.minor = minor;
            this.minors = minors;
        }

        static Named of(Currency c) {
            for (Named n : values()) {
                if (n.name().equals(c.getCurrencyCode())) {
                    return n;
                }
            }
            return null;
        }
    }

    private static final Set<String> REQUIRED;

    static {
        Set<String> ids = new LinkedHashSet<>(List.of(ONES));
        for (String t : TENS) {
            if (t != null) {
                ids.add(t);
            }
        }
        ids.addAll(List.of(HUNDRED, THOUSAND, MILLION, AND, POINT));
        for (Named n : Named.values()) {
            ids.addAll(List.of(n.major, n.majors, n.minor, n.minors));
        }
        ids.addAll(List.of(MONTHS));
        for (char c = 'a'; c <= 'z'; c++) {
            ids.add(LETTER + c);
        }
        REQUIRED = Collections.unmodifiableSet(ids);
    }

    @Override
    public List<String> digits(char[] digits, int offset, int length) {
        if (offset < 0 || length < 0 || offset > digits.length - length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + " of " + digits.length);
        }
        List<String> out = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            char c = digits[offset + i];
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("not a digit at position " + i); // never echo the value
            }
            out.add(ONES[c - '0']);
        }
        return List.copyOf(out);
    }

    @Override
    public List<String> characters(CharSequence text) {
        List<String> out = new ArrayList<>(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                out.add(ONES[c - '0']);
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                out.add(LETTER + Character.toLowerCase(c));
            }
        }
        return List.copyOf(out);
    }

    @Override
    public List<String> number(long n) {
        if (n < 0 || n > MAX_NUMBER) {
            throw new IllegalArgumentException("can say 0 to " + MAX_NUMBER + ", not " + n);
        }
        List<String> out = new ArrayList<>();
        number(n, out);
        return List.copyOf(out);
    }

    private static void number(long n, List<String> out) {
        if (n == 0) {
            out.add(ONES[0]);
            return;
        }
        int millions = (int) (n / 1_000_000);
        int thousands = (int) (n / 1000 % 1000);
        int rest = (int) (n % 1000);
        if (millions > 0) {
            belowThousand(millions, out);
            out.add(MILLION);
        }
        if (thousands > 0) {
            belowThousand(thousands, out);
            out.add(THOUSAND);
        }
        if (rest > 0) {
            if (rest < 100 && (millions > 0 || thousands > 0)) {
                out.add(AND);
            }
            belowThousand(rest, out);
        }
    }

    private static void belowThousand(int n, List<String> out) {
        int hundreds = n / 100;
        int rest = n % 100;
        if (hundreds > 0) {
            out.add(ONES[hundreds]);
            out.add(HUNDRED);
            if (rest > 0) {
                out.add(AND);
            }
        }
        if (rest > 0 || hundreds == 0) {
            belowHundred(rest, out);
        }
    }

    private static void belowHundred(int n, List<String> out) {
        if (n < 20) {
            out.add(ONES[n]);
        } else {
            out.add(TENS[n / 10]);
            if (n % 10 > 0) {
                out.add(ONES[n % 10]);
            }
        }
    }

    @Override
    public List<String> amount(long minorUnits, Currency currency) {
        if (minorUnits < 0) {
            throw new IllegalArgumentException("amount must not be negative");
        }
        int fraction = Math.max(0, currency.getDefaultFractionDigits());
        long scale = 1;
        for (int i = 0; i < fraction; i++) {
            scale *= 10;
        }
        long major = minorUnits / scale;
        long minor = minorUnits % scale;
        if (major > MAX_NUMBER) {
            throw new IllegalArgumentException("can say amounts up to " + MAX_NUMBER + " " + currency.getCurrencyCode());
        }
        List<String> out = new ArrayList<>();
        Named named = Named.of(currency);
        if (named != null) {
            if (major > 0 || minor == 0) {
                number(major, out);
                out.add(major == 1 ? named.major : named.majors);
            }
            if (minor > 0) {
                if (major > 0) {
                    out.add(AND);
                }
                number(minor, out);
                out.add(minor == 1 ? named.minor : named.minors);
            }
        } else {
            number(major, out);
            if (minor > 0) {
                out.add(POINT);
                String digits = Long.toString(scale + minor).substring(1); // zero-padded to the fraction digits
                for (int i = 0; i < digits.length(); i++) {
                    out.add(ONES[digits.charAt(i) - '0']);
                }
            }
            out.addAll(characters(currency.getCurrencyCode().toLowerCase(Locale.ROOT)));
        }
        return List.copyOf(out);
    }

    @Override
    public List<String> month(int month) {
        if (month < 1 || month > 12) {
            throw new IllegalArgumentException("month must be 1 to 12");
        }
        return List.of(MONTHS[month - 1]);
    }

    @Override
    public List<String> year(int year) {
        if (year < 2000 || year > 2099) {
            throw new IllegalArgumentException("can say years 2000 to 2099");
        }
        List<String> out = new ArrayList<>();
        int yy = year % 100;
        if (yy < 10) {
            out.add(ONES[2]);
            out.add(THOUSAND);
            if (yy > 0) {
                out.add(AND);
                out.add(ONES[yy]);
            }
        } else {
            belowHundred(year / 100, out);
            belowHundred(yy, out);
        }
        return List.copyOf(out);
    }

    @Override
    public List<String> expiry(int month, int twoDigitYear) {
        if (twoDigitYear < 0 || twoDigitYear > 99) {
            throw new IllegalArgumentException("expiry year must have two digits");
        }
        List<String> out = new ArrayList<>(month(month));
        out.addAll(year(2000 + twoDigitYear));
        return List.copyOf(out);
    }

    @Override
    public Set<String> requiredIds() {
        return REQUIRED;
    }
}
