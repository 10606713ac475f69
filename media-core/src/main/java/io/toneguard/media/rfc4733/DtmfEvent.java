package io.toneguard.media.rfc4733;

/**
 * RFC 4733 §3.2 DTMF event codes: 0-9 are the digits, 10 {@code *}, 11 {@code #}, 12-15 {@code A-D},
 * 16 hook flash. Keys are {@code char}s so that no digit ever lives in a {@code String}.
 */
public final class DtmfEvent {

    /** Event code of hook flash. */
    public static final int FLASH = 16;
    /** The key of {@link #FLASH}, as in {@code application/dtmf-relay} ({@code Signal=!}). */
    public static final char FLASH_KEY = '!';
    /** Returned by {@link #key(int)} for an event code that is not a DTMF key or flash. */
    public static final char NO_KEY = '\0';

    private static final char[] KEYS = {
        '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#', 'A', 'B', 'C', 'D', FLASH_KEY,
    };

    private DtmfEvent() {
    }

    /** Whether {@code event} is one of the 16 DTMF keys (0-15); flash is not a key. */
    public static boolean isDtmf(int event) {
        return event >= 0 && event < FLASH;
    }

    /** The key of an event code 0-16 ({@code '0'-'9' '*' '#' 'A'-'D' '!'}), else {@link #NO_KEY}. */
    public static char key(int event) {
        return event >= 0 && event <= FLASH ? KEYS[event] : NO_KEY;
    }

    /** The event code of a key (lower-case {@code a-d} accepted), or -1 if it is not one. */
    public static int event(char key) {
        if (key >= '0' && key <= '9') {
            return key - '0';
        }
        switch (key) {
            case '*':
                return 10;
            case '#':
                return 11;
            case 'A': case 'a':
                return 12;
            case 'B': case 'b':
                return 13;
            case 'C': case 'c':
                return 14;
            case 'D': case 'd':
                return 15;
            case FLASH_KEY:
                return FLASH;
            default:
                return -1;
        }
    }
}
