package io.toneguard.media.sdp;

/** Which side of an offer/answer exchange ToneGuard was on, to know which description is the remote one. */
public enum LocalRole {
    OFFERER, ANSWERER
}
