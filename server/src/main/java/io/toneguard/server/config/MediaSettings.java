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
        LatchSettings latch) {

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
        LatchPolicy policy;
        try {
            policy = new LatchPolicy(latch.probationPackets(), Duration.ofMillis(latch.relatchAfterSilenceMillis()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("media.latch", e.getMessage());
        }
        try {
            return new MediaTransportConfig(address, portMin, portMax, ioThreads, epoll, socketBufferBytes, dscp, policy);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("media", e.getMessage());
        }
    }
}
