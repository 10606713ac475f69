package io.toneguard.media.sdp;

/** An address (IP literal or host name, unresolved) and a port, as learnt from SDP. */
public record TransportAddress(String address, int port) {
    public TransportAddress {
        if (address == null || address.isEmpty()) {
            throw new IllegalArgumentException("address is required");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535");
        }
    }

    @Override
    public String toString() {
        return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port;
    }
}
