package io.toneguard.dtmf;

/** How a digit reached ToneGuard. */
public enum DigitSource {
    /** Tones in the audio, found by the in-band detector. */
    INBAND,
    /** RFC 4733 / RFC 2833 telephone-event packets. */
    RFC4733,
    /** SIP INFO (application/dtmf-relay, application/dtmf). */
    SIP_INFO
}
