package io.toneguard.media.rtcp;
import io.netty.buffer.ByteBuf;
public final class RtcpDemux { public static boolean isRtcp(ByteBuf b) { if (b.readableBytes() < 2) return false; int pt = b.getUnsignedByte(b.readerIndex()+1); return pt >= 192 && pt <= 223; } }
