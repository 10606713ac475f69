package io.toneguard.media.testing;

import java.nio.ByteBuffer;

/** Builds RTP datagrams as byte arrays for tests. */
public final class RtpPackets {
    private RtpPackets() {
    }

    /** A 12-byte-header RTP packet around {@code payload}. */
    public static byte[] rtp(int payloadType, boolean marker, int seq, long timestamp, int ssrc, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(12 + payload.length);
        b.put((byte) 0x80);
        b.put((byte) ((marker ? 0x80 : 0) | payloadType));
        b.putShort((short) seq);
        b.putInt((int) timestamp);
        b.putInt(ssrc);
        b.put(payload);
        return b.array();
    }

    public static int seq(byte[] packet) {
        return ((packet[2] & 0xFF) << 8) | (packet[3] & 0xFF);
    }

    public static long timestamp(byte[] packet) {
        return ByteBuffer.wrap(packet, 4, 4).getInt() & 0xFFFF_FFFFL;
    }

    public static int ssrc(byte[] packet) {
        return ByteBuffer.wrap(packet, 8, 4).getInt();
    }

    public static int payloadType(byte[] packet) {
        return packet[1] & 0x7F;
    }

    public static boolean marker(byte[] packet) {
        return (packet[1] & 0x80) != 0;
    }
}
