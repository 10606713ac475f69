package io.toneguard.psp.card;

/** Small numbers in words, so that agent messages never contain a digit. */
final class Words {
    private static final String[] SMALL = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen", "twenty"};

    private Words() {
    }

    static String number(int n) {
        return n >= 0 && n < SMALL.length ? SMALL[n] : "many";
    }
}
