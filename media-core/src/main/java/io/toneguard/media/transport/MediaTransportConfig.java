package io.toneguard.media.transport;

import java.net.InetAddress;

/**
 * Options of the media transport, in one place.
 *
 * @param bindAddress local address the media sockets bind to
 * @param portMin lowest media port (RTP even, RTCP odd)
 * @param portMax highest media port
 * @param ioThreads event loop threads; 0 means one per available core
 * @param preferNative use Linux epoll when it is available (NIO otherwise)
 * @param socketBufferBytes SO_RCVBUF and SO_SNDBUF of each media socket, 0 for the OS default
 * @param dscp DiffServ code point for outgoing media (46 = Expedited Forwarding), -1 to leave unset
 * @param latchPolicy how symmetric RTP learns peers' addresses
 * @param coalesceMicros 0 (the default): an event loop wakes for every datagram; more: once a
 *     wake-up has found work, the loop sleeps this long and then handles everything that arrived
 *     meanwhile in one pass, going back to blocking when a pass finds nothing (fewer wake-ups per
 *     packet, at the price of up to this much added delay per packet and per task; at most 20000)
 */
public record MediaTransportConfig(
        InetAddress bindAddress,
        int portMin,
        int portMax,
        int ioThreads,
        boolean preferNative,
        int socketBufferBytes,
        int dscp,
        LatchPolicy latchPolicy,
        int coalesceMicros) {

    /** Largest {@link #coalesceMicros}: one 20 ms packet. */
    public static final int MAX_COALESCE_MICROS = 20_000;

    public MediaTransportConfig {
        if (bindAddress == null) {
            throw new IllegalArgumentException("bindAddress is required");
        }
        if (ioThreads < 0) {
            throw new IllegalArgumentException("ioThreads must be 0 (one per core) or more");
        }
        if (socketBufferBytes < 0) {
            throw new IllegalArgumentException("socketBufferBytes must not be negative");
        }
        if (dscp < -1 || dscp > 63) {
            throw new IllegalArgumentException("dscp must be -1 (unset) or 0-63");
        }
        if (latchPolicy == null) {
            throw new IllegalArgumentException("latchPolicy is required");
        }
        if (coalesceMicros < 0 || coalesceMicros > MAX_COALESCE_MICROS) {
            throw new IllegalArgumentException("coalesceMicros must be 0 (off) to " + MAX_COALESCE_MICROS);
        }
        new PortAllocator(portMin, portMax); // validates the range
    }

    /** Loopback, ports 20000-29999, one thread per core, epoll if present, EF marking. */
    public static MediaTransportConfig defaults() {
        return new MediaTransportConfig(InetAddress.getLoopbackAddress(), 20000, 29999, 0, true, 0, 46, LatchPolicy.DEFAULT, 0);
    }

    public MediaTransportConfig withPorts(int min, int max) {
        return new MediaTransportConfig(bindAddress, min, max, ioThreads, preferNative, socketBufferBytes, dscp, latchPolicy, coalesceMicros);
    }

    public MediaTransportConfig withIoThreads(int threads) {
        return new MediaTransportConfig(bindAddress, portMin, portMax, threads, preferNative, socketBufferBytes, dscp, latchPolicy, coalesceMicros);
    }

    public MediaTransportConfig withPreferNative(boolean wantNative) {
        return new MediaTransportConfig(bindAddress, portMin, portMax, ioThreads, wantNative, socketBufferBytes, dscp, latchPolicy, coalesceMicros);
    }

    public MediaTransportConfig withLatchPolicy(LatchPolicy policy) {
        return new MediaTransportConfig(bindAddress, portMin, portMax, ioThreads, preferNative, socketBufferBytes, dscp, policy, coalesceMicros);
    }

    /** Reads coalesced over {@code micros} (0 = off); see {@link #coalesceMicros}. */
    public MediaTransportConfig withCoalesceMicros(int micros) {
        return new MediaTransportConfig(bindAddress, portMin, portMax, ioThreads, preferNative, socketBufferBytes, dscp, latchPolicy, micros);
    }
}
