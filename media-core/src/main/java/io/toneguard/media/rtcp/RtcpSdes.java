package io.toneguard.media.rtcp;

import io.netty.buffer.ByteBuf;

/**
 * Chunks of an SDES packet (RFC 3550 §6.5) at an absolute offset: each chunk is an SSRC/CSRC and a
 * list of items ending in a null octet, padded to 32 bits. Enough to rewrite the SSRCs in place.
 */
public final class RtcpSdes {

    private RtcpSdes() {
    }

    /**
     * Offset of chunk {@code i} (its SSRC/CSRC) of the SDES packet at {@code offset}, or -1 if {@code i}
     * is not below the source count or the chunks before it are malformed. Never throws.
     */
    public static int chunkOffset(ByteBuf buf, int offset, int i) {
        if (i < 0 || i >= RtcpPacket.count(buf, offset) || !fits(buf, offset)) {
            return -1;
        }
        int end = bodyEnd(buf, offset);
        int chunk = chunksEnd(buf, offset, i, end);
        return chunk >= 0 && chunk + 4 <= end ? chunk : -1;
    }

    /** The SSRC/CSRC of the chunk at {@code chunkOffset}. */
    public static int ssrc(ByteBuf buf, int chunkOffset) {
        return buf.getInt(chunkOffset);
    }

    /** Rewrites the SSRC/CSRC of chunk {@code i}; returns {@code false} and writes nothing if there is no such chunk. */
    public static boolean setChunkSsrc(ByteBuf buf, int offset, int i, int ssrc) {
        int chunk = chunkOffset(buf, offset, i);
        if (chunk < 0) {
            return false;
        }
        buf.setInt(chunk, ssrc);
        return true;
    }

    /** Offset just past the first {@code n} chunks, all inside {@code end}, or -1 if they are malformed. */
    static int chunksEnd(ByteBuf buf, int offset, int n, int end) {
        int chunk = offset + RtcpPacket.HEADER_LENGTH;
        for (int k = 0; k < n && chunk >= 0; k++) {
            chunk = skipChunk(buf, offset, chunk, end);
        }
        return chunk;
    }

    /** Offset just past the chunk starting at {@code chunk}, or -1 if its items leave {@code [chunk, end)}. */
    private static int skipChunk(ByteBuf buf, int offset, int chunk, int end) {
        int p = chunk + 4;
        while (p < end) {
            int type = buf.getUnsignedByte(p);
            if (type == 0) {
                int next = offset + ((p + 1 - offset + 3) & ~3);
                return next <= end ? next : -1;
            }
            if (p + 2 > end) {
                return -1;
            }
            p += 2 + buf.getUnsignedByte(p + 1);
        }
        return -1;
    }

    private static boolean fits(ByteBuf buf, int offset) {
        return offset >= 0 && buf.capacity() - offset >= RtcpPacket.HEADER_LENGTH
                && offset + RtcpPacket.packetLength(buf, offset) <= buf.capacity();
    }

    private static int bodyEnd(ByteBuf buf, int offset) {
        int end = offset + RtcpPacket.packetLength(buf, offset);
        if (RtcpPacket.hasPadding(buf, offset)) {
            end -= buf.getUnsignedByte(end - 1);
        }
        return end;
    }
}
