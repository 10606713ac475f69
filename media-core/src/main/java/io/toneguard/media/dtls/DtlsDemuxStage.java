package io.toneguard.media.dtls;

import io.netty.buffer.ByteBuf;
import io.toneguard.media.pipeline.DropReason;
import io.toneguard.media.pipeline.PacketContext;
import io.toneguard.media.pipeline.TransformStage;

/**
 * Splits DTLS from media on a DTLS-SRTP leg (RFC 7983: first byte 20-63 is DTLS): DTLS records go
 * to the handshake's {@link DtlsEndpointTransport} and leave the pipeline (counted as
 * {@link DropReason#DTLS}); everything else passes on to SRTP decryption.
 */
public final class DtlsDemuxStage extends TransformStage {
    private final DtlsEndpointTransport transport;

    public DtlsDemuxStage(DtlsEndpointTransport transport) {
        super("dtls-demux");
        this.transport = transport;
    }

    /** True for a datagram whose first byte says DTLS (RFC 7983 §7). */
    public static boolean isDtls(ByteBuf b) {
        if (!b.isReadable()) {
            return false;
        }
        int first = b.getUnsignedByte(b.readerIndex());
        return first >= 20 && first <= 63;
    }

    @Override
    protected DropReason transform(PacketContext p) {
        if (!isDtls(p.buffer())) {
            return DropReason.NONE;
        }
        transport.offer(p.buffer(), p.sender());
        return DropReason.DTLS;
    }
}
