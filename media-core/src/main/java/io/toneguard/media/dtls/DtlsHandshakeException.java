package io.toneguard.media.dtls;

import java.io.IOException;

/** A DTLS-SRTP handshake that did not produce keys: fingerprint mismatch, no common profile, timeout, alert. */
public final class DtlsHandshakeException extends IOException {
    private static final long serialVersionUID = 1L;

    public DtlsHandshakeException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
