package io.toneguard.media.srtp;

import io.netty.buffer.ByteBuf;
import io.toneguard.media.pipeline.DropReason;
import java.security.GeneralSecurityException;
import java.util.Objects;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;

/**
 * SRTP and SRTCP for one call leg: an inbound (decrypting) and an outbound (encrypting) jitsi-srtp
 * context factory, with contexts derived per SSRC on first use.
 *
 * <p>Inbound and outbound are independent directions, each used by one thread at a time (in the
 * relay, both run on the call's event loop). A new inbound SSRC keeps its context only once a
 * packet authenticates, so forged SSRCs cost a key derivation each but never evict a real one
 * unless they carry valid tags. Failures are returned as a {@link DropReason}; the packet's
 * buffer is left for the caller to drop. Nothing here logs or prints key material.
 */
public final class SrtpSession implements AutoCloseable {
    /** SSRCs remembered per direction and kind; an audio leg has one or two. */
    static final int MAX_SSRCS = 8;

    private final String name;
    private final SrtpSuite inboundSuite;
    private final SrtpSuite outboundSuite;
    private final SrtpContextFactory inbound;
    private final SrtpContextFactory outbound;
    private final SsrcContexts<SrtpCryptoContext> rtpIn = new SsrcContexts<>(MAX_SSRCS);
    private final SsrcContexts<SrtpCryptoContext> rtpOut = new SsrcContexts<>(MAX_SSRCS);
    private final SsrcContexts<SrtcpCryptoContext> rtcpIn = new SsrcContexts<>(MAX_SSRCS);
    private final SsrcContexts<SrtcpCryptoContext> rtcpOut = new SsrcContexts<>(MAX_SSRCS);
    private final SrtpBuffer inBuffer = new SrtpBuffer();
    private final SrtpBuffer outBuffer = new SrtpBuffer();
    private volatile boolean closed;

    private SrtpSession(String name, SrtpMasterKey inboundKey, SrtpMasterKey outboundKey) {
        this.name = Objects.requireNonNull(name, "name");
        this.inboundSuite = inboundKey.suite();
        this.outboundSuite = outboundKey.suite();
        this.inbound = SrtpCrypto.factory(false, inboundKey);
        this.outbound = SrtpCrypto.factory(true, outboundKey);
    }

    /**
     * A session that decrypts with the peer's key and encrypts with ToneGuard's own. The keys are
     * copied; the caller still closes (wipes) its own {@link SrtpMasterKey}s.
     */
    public static SrtpSession open(String name, SrtpMasterKey inboundKey, SrtpMasterKey outboundKey) {
        return new SrtpSession(name, inboundKey, outboundKey);
    }

    public String name() {
        return name;
    }

    public SrtpSuite inboundSuite() {
        return inboundSuite;
    }

    public SrtpSuite outboundSuite() {
        return outboundSuite;
    }

    // ------------------------------------------------------------------ RTP

    /** Authenticates, replay-checks and decrypts the SRTP packet in {@code buf} in place. */
    public DropReason unprotectRtp(ByteBuf buf) {
        if (closed) {
            return DropReason.SRTP_CLOSED;
        }
        if (buf.readableBytes() < 12 || (buf.getByte(buf.readerIndex()) & 0xC0) != 0x80) {
            return DropReason.SRTP_INVALID;
        }
        int ssrc = buf.getInt(buf.readerIndex() + 8);
        SrtpCryptoContext ctx = rtpIn.get(ssrc);
        boolean fresh = ctx == null;
        try {
            if (fresh) {
                ctx = inbound.deriveContext(ssrc, 0);
            }
            SrtpErrorStatus status = ctx.reverseTransformPacket(inBuffer.load(buf, false), false);
            return finish(inBuffer, status, fresh ? rtpIn : null, ssrc, ctx);
        } catch (GeneralSecurityException e) {
            inBuffer.unload();
            return DropReason.SRTP_INVALID;
        }
    }

    /** Encrypts and authenticates the (final, rewritten) RTP packet in {@code buf} in place. */
    public DropReason protectRtp(ByteBuf buf) {
        if (closed) {
            return DropReason.SRTP_CLOSED;
        }
        if (buf.readableBytes() < 12) {
            return DropReason.SRTP_INVALID;
        }
        int ssrc = buf.getInt(buf.readerIndex() + 8);
        try {
            SrtpCryptoContext ctx = rtpOut.get(ssrc);
            if (ctx == null) {
                ctx = outbound.deriveContext(ssrc, 0);
                rtpOut.put(ssrc, ctx);
            }
            return finish(outBuffer, ctx.transformPacket(outBuffer.load(buf, true)), null, ssrc, ctx);
        } catch (GeneralSecurityException e) {
            outBuffer.unload();
            return DropReason.SRTP_INVALID;
        }
    }

    // ------------------------------------------------------------------ RTCP

    /** Authenticates, replay-checks and decrypts the SRTCP packet in {@code buf} in place. */
    public DropReason unprotectRtcp(ByteBuf buf) {
        if (closed) {
            return DropReason.SRTP_CLOSED;
        }
        if (buf.readableBytes() < 8 || (buf.getByte(buf.readerIndex()) & 0xC0) != 0x80) {
            return DropReason.SRTP_INVALID;
        }
        int ssrc = buf.getInt(buf.readerIndex() + 4);
        SrtcpCryptoContext ctx = rtcpIn.get(ssrc);
        boolean fresh = ctx == null;
        try {
            if (fresh) {
                ctx = inbound.deriveControlContext(ssrc);
            }
            SrtpErrorStatus status = ctx.reverseTransformPacket(inBuffer.load(buf, false));
            return finish(inBuffer, status, fresh ? rtcpIn : null, ssrc, ctx);
        } catch (GeneralSecurityException e) {
            inBuffer.unload();
            return DropReason.SRTP_INVALID;
        }
    }

    /** Encrypts and authenticates the RTCP compound packet in {@code buf} in place (adds index and tag). */
    public DropReason protectRtcp(ByteBuf buf) {
        if (closed) {
            return DropReason.SRTP_CLOSED;
        }
        if (buf.readableBytes() < 8) {
            return DropReason.SRTP_INVALID;
        }
        int ssrc = buf.getInt(buf.readerIndex() + 4);
        try {
            SrtcpCryptoContext ctx = rtcpOut.get(ssrc);
            if (ctx == null) {
                ctx = outbound.deriveControlContext(ssrc);
                rtcpOut.put(ssrc, ctx);
            }
            return finish(outBuffer, ctx.transformPacket(outBuffer.load(buf, true)), null, ssrc, ctx);
        } catch (GeneralSecurityException e) {
            outBuffer.unload();
            return DropReason.SRTP_INVALID;
        }
    }

    /** Writes back or forgets the packet; {@code rememberIn} keeps a fresh inbound context once it authenticated. */
    private static <T> DropReason finish(SrtpBuffer b, SrtpErrorStatus status, SsrcContexts<T> rememberIn, int ssrc,
            T ctx) {
        DropReason verdict = verdict(status);
        if (verdict == DropReason.NONE) {
            if (!b.store()) {
                return DropReason.SRTP_INVALID; // the buffer cannot grow by the tag
            }
            if (rememberIn != null) {
                rememberIn.put(ssrc, ctx);
            }
        } else {
            b.unload();
        }
        return verdict;
    }

    static DropReason verdict(SrtpErrorStatus status) {
        return switch (status) {
            case OK -> DropReason.NONE;
            case AUTH_FAIL -> DropReason.SRTP_AUTH_FAILED;
            case REPLAY_FAIL, REPLAY_OLD -> DropReason.SRTP_REPLAY;
            case INVALID_PACKET, FAIL -> DropReason.SRTP_INVALID;
        };
    }

    /** SSRCs with an inbound RTP context (authenticated streams). */
    public int inboundStreams() {
        return rtpIn.size();
    }

    /** Forgets all contexts and wipes the master keys held by the factories. */
    @Override
    public void close() {
        closed = true;
        rtpIn.clear();
        rtpOut.clear();
        rtcpIn.clear();
        rtcpOut.clear();
        inbound.close();
        outbound.close();
    }

    @Override
    public String toString() {
        return "SrtpSession[" + name + " in=" + inboundSuite + " out=" + outboundSuite + (closed ? " closed" : "") + "]";
    }
}
