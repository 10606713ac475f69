package io.toneguard.sip;

/** Where a call is in its life. */
public enum CallState {
    /** INVITE received, leg B being set up. */
    INVITING,
    /** Leg B is ringing or sending early media. */
    EARLY,
    /** Both legs answered. */
    CONFIRMED,
    /** A BYE or CANCEL is under way. */
    ENDING,
    /** Over. */
    ENDED
}
