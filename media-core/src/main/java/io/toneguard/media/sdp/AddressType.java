package io.toneguard.media.sdp;

/** The address type of an {@code IN} connection address. */
public enum AddressType {
    IP4, IP6
}
