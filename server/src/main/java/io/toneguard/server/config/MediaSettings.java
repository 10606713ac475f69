package io.toneguard.server.config;

import io.toneguard.media.transport.LatchPolicy;
import io.toneguard.media.transport.MediaTransportConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/** The {@code media} section: where and how media sockets are opened. */
public record MediaSettings(
        String bindAddress,
        int portMin,
        int portMax,
        int ioThreads,
        boolean epoll,
        int socketBufferBytes,
        int dscp,
        LatchSettings latch,
        int coalesceMicros) {

    /** The {@code media.latch} section: symmetric RTP learning. */
    public record LatchSettings(int probationPackets, long relatchAfterSilenceMillis) {
    }

    /** Checks the values and builds the transport's options; messages name the key at fault. */
    public MediaTransportConfig toTransportConfig() {
        InetAddress address;
        try {
            address = InetAddress.getByName(ConfigException.require(bindAddress, "media.bindAddress"));
        } catch (UnknownHostException e) {
            throw new ConfigException("media.bindAddress", "not an address: " + bindAddress);
        }
        if (portMin < 1024 || portMin > 65534) {
            throw new ConfigException("media.portMin", "must be 1024-65534, was " + portMin);
        }
        if (portMax > 65535 || portMax < ((portMin + 1) & ~1) + 1) {
            throw new ConfigException("media.portMax", "must be at most 65535 and leave room for one RTP/RTCP pair above portMin "
                    + portMin + ", was " + portMax);
        }
        if (ioThreads < 0) {
            throw new ConfigException("media.ioThreads", "must be 0 (one per core) or more, was " + ioThreads);
        }
        if (socketBufferBytes < 0) {
            throw new ConfigException("media.socketBufferBytes", "must be 0 (OS default) or more, was " + socketBufferBytes);
        }
        if (dscp < -1 || dscp > 63) {
            throw new ConfigException("media.dscp", "must be -1 (unset) or 0-63, was " + dscp);
        }
        if (coalesceMicros < 0 || coalesceMicros > MediaTransportConfig.MAX_COALESCE_MICROS) {
            throw new ConfigException("media.coalesceMicros", "must be 0 (off) to " + MediaTransportConfig.MAX_COALESCE_MICROS
                    + ", was " + coalesceMicros);
        }
        if (latch.probationPackets() < 1) {
            throw new ConfigException("media.latch.probationPackets", "must be at least 1, was " + latch.probationPackets());
        }
        if (latch.relatchAfterSilenceMillis() < 0) {
            throw new ConfigException("media.latch.relatchAfterSilenceMillis", "must not be negative");
        }
        LatchPolicy policy = new LatchPolicy(latch.probationPackets(), Duration.ofMillis(latch.relatchAfterSilenceMillis()));
        try {
            return new MediaTransportConfig(address, portMin, portMax, ioThreads, epoll, socketBufferBytes, dscp, policy, coalesceMicros);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("media", e.getMessage());
        }
    }
}
