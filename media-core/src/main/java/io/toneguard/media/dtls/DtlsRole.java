package io.toneguard.media.dtls;

import io.toneguard.media.sdp.SetupRole;

/** Which end starts the DTLS handshake, from {@code a=setup} (RFC 4145, RFC 5763 §5). */
public enum DtlsRole {
    /** {@code a=setup:active}: sends the ClientHello. */
    CLIENT,
    /** {@code a=setup:passive}: waits for it (and checks the cookie). */
    SERVER;

    /** The role of the end that wrote {@code setup}; actpass and holdconn are not a decided role. */
    public static DtlsRole of(SetupRole setup) {
        return switch (setup) {
            case ACTIVE -> CLIENT;
            case PASSIVE -> SERVER;
            default -> throw new IllegalArgumentException("a=setup:" + setup.value() + " does not decide a DTLS role");
        };
    }

    /**
     * What ToneGuard answers to an offered {@code a=setup}: active to actpass (RFC 5763 §5, so
     * that it never waits behind a NAT), and the opposite of a decided role.
     */
    public static SetupRole answerTo(SetupRole offered) {
        return switch (offered) {
            case ACTPASS, PASSIVE -> SetupRole.ACTIVE;
            case ACTIVE -> SetupRole.PASSIVE;
            default -> throw new IllegalArgumentException("cannot answer a=setup:" + offered.value());
        };
    }
}
