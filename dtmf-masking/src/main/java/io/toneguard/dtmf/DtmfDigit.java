package io.toneguard.dtmf;

import io.toneguard.media.rfc4733.DtmfEvent;

/**
 * The sixteen DTMF keys with their frequency pair (ITU-T Q.23) and RFC 4733 event code.
 *
 * <p>A digit is card data: {@link #toString()} is redacted so that a digit can never reach a log
 * line or an exception message by accident. Use {@link #key()} only to fill a zeroable buffer.
 */
public enum DtmfDigit {
    D1('1', 0, 0), D2('2', 0, 1), D3('3', 0, 2), A('A', 0, 3),
    D4('4', 1, 0), D5('5', 1, 1), D6('6', 1, 2), B('B', 1, 3),
    D7('7', 2, 0), D8('8', 2, 1), D9('9', 2, 2), C('C', 2, 3),
    STAR('*', 3, 0), D0('0', 3, 1), HASH('#', 3, 2), D('D', 3, 3);

    /** Row (low group) frequencies in Hz. */
    public static final double[] LOW_HZ = {697, 770, 852, 941};
    /** Column (high group) frequencies in Hz. */
    public static final double[] HIGH_HZ = {1209, 1336, 1477, 1633};

    private static final DtmfDigit[] BY_EVENT = new DtmfDigit[16];
    private static final DtmfDigit[][] BY_POSITION = new DtmfDigit[4][4];

    static {
        for (DtmfDigit d : values()) {
            BY_EVENT[d.event] = d;
            BY_POSITION[d.row][d.column] = d;
        }
    }

    private final char key;
    private final int row;
    private final int column;
    private final int event;

    /** The keypad position; the RFC 4733 event code comes from {@link DtmfEvent}, the one key-to-code map. */
    DtmfDigit(char key, int row, int column) {
        this.key = key;
        this.row = row;
        this.column = column;
        this.event = DtmfEvent.event(key);
    }

    /** The key as typed: 0-9, *, #, A-D. Card data: never log or stringify it. */
    public char key() {
        return key;
    }

    /** Index of the low-group frequency, 0-3. */
    public int row() {
        return row;
    }

    /** Index of the high-group frequency, 0-3. */
    public int column() {
        return column;
    }

    public double lowHz() {
        return LOW_HZ[row];
    }

    public double highHz() {
        return HIGH_HZ[column];
    }

    /** RFC 4733 event code (0-15). */
    public int event() {
        return event;
    }

    /** True for 0-9. */
    public boolean isDecimal() {
        return key >= '0' && key <= '9';
    }

    /** The digit for an RFC 4733 event code, or null if the code is not a DTMF key (e.g. 16 flash). */
    public static DtmfDigit ofEvent(int event) {
        return DtmfEvent.isDtmf(event) ? BY_EVENT[event] : null;
    }

    public static DtmfDigit at(int row, int column) {
        return BY_POSITION[row][column];
    }

    /** The digit for a key character, or null. */
    public static DtmfDigit ofKey(char c) {
        return ofEvent(DtmfEvent.event(c));
    }

    @Override
    public String toString() {
        return "DtmfDigit[redacted]";
    }
}
