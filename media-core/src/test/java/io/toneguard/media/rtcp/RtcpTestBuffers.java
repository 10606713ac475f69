package io.toneguard.media.rtcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds test datagrams from hex (spaces ignored) and releases them all at the end of a test. */
final class RtcpTestBuffers implements AutoCloseable {

    private final List<ByteBuf> buffers = new ArrayList<>();

    /** A heap buffer holding exactly the given bytes, reader index 0, writer index at the end. */
    ByteBuf hex(String... parts) {
        byte[] bytes = ByteBufUtil.decodeHexDump(String.join("", parts).replace(" ", ""));
        ByteBuf buf = Unpooled.buffer(bytes.length + 16).writeBytes(bytes);
        buffers.add(buf);
        return buf;
    }

    /** Hex of an ASCII string, for SDES items and APP names. */
    static String ascii(String s) {
        return ByteBufUtil.hexDump(s.getBytes(StandardCharsets.US_ASCII));
    }

    /** Hex of the readable bytes. */
    static String dump(ByteBuf buf) {
        return ByteBufUtil.hexDump(buf);
    }

    @Override
    public void close() {
        for (ByteBuf buf : buffers) {
            if (buf.refCnt() > 0) {
                buf.release();
            }
        }
        buffers.clear();
    }
}
