package io.toneguard.sip;

import io.toneguard.media.rfc4733.DtmfEvent;

/**
 * Reads the key of a DTMF SIP INFO body straight from its bytes (no String ever holds it):
 * {@code application/dtmf-relay} ("Signal=5\r\nDuration=160") and {@code application/dtmf} ("5").
 */
final class DtmfInfo {
    private DtmfInfo() {
    }

    /** The RFC 4733 event code of the key, or -1 if the body carries none. */
    static int event(String contentSubType, byte[] body) {
        if (body == null) {
            return -1;
        }
        if ("dtmf-relay".equalsIgnoreCase(contentSubType)) {
            int i = indexOfIgnoreCase(body, "signal");
            if (i < 0) {
                return -1;
            }
            i += 6;
            while (i < body.length && (body[i] == ' ' || body[i] == '\t')) {
                i++;
            }
            if (i >= body.length || body[i] != '=') {
                return -1;
            }
            i++;
            while (i < body.length && (body[i] == ' ' || body[i] == '\t')) {
                i++;
            }
            return i < body.length ? eventOf(body, i) : -1;
        }
        if ("dtmf".equalsIgnoreCase(contentSubType)) {
            int i = 0;
            while (i < body.length && (body[i] == ' ' || body[i] == '\r' || body[i] == '\n' || body[i] == '\t')) {
                i++;
            }
            return i < body.length ? eventOf(body, i) : -1;
        }
        return -1;
    }

    private static int eventOf(byte[] b, int i) {
        int c = b[i];
        // a two-digit event code ("10", "11") is how some phones send * and #
        if (c >= '0' && c <= '9' && i + 1 < b.length && b[i + 1] >= '0' && b[i + 1] <= '9') {
            int code = (c - '0') * 10 + (b[i + 1] - '0');
            return code <= 15 ? code : -1;
        }
        int event = DtmfEvent.event((char) c);
        return DtmfEvent.isDtmf(event) ? event : -1;
    }

    private static int indexOfIgnoreCase(byte[] hay, String needle) {
        outer:
        for (int i = 0; i + needle.length() <= hay.length; i++) {
            for (int j = 0; j < needle.length(); j++) {
                if (Character.toLowerCase((char) hay[i + j]) != needle.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
