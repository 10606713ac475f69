package io.toneguard.server.recording;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.toneguard.media.g711.G711Codec;
import io.toneguard.media.pipeline.DropReason;
import io.toneguard.media.pipeline.MediaPipeline;
import io.toneguard.media.pipeline.MediaStage;
import io.toneguard.media.pipeline.PacketContext;
import io.toneguard.media.pipeline.SinkStage;
import io.toneguard.media.relay.ParseRtpStage;
import io.toneguard.media.testing.RtpPackets;
import java.net.InetSocketAddress;

/** Feeds RTP through a tap the way a relay does (parse, tap, sink) with chosen arrival times. */
final class TapDriver {
    static final long T0 = 5_000_000_000L;
    private static final InetSocketAddress FROM = new InetSocketAddress("127.0.0.1", 4000);

    private final MediaPipeline pipeline;
    private final PacketContext context = new PacketContext();
    private final int ssrc;
    long delivered;

    TapDriver(String name, MediaStage tap, int ssrc) {
        this.ssrc = ssrc;
        this.pipeline = MediaPipeline.builder(name).then(new ParseRtpStage()).then(tap).sink(new SinkStage("out") {
            @Override
            protected DropReason consume(PacketContext p) {
                delivered++;
                return DropReason.NONE;
            }
        });
    }

    /** One G.711 packet of {@code codec} arriving {@code atMillis} after {@link #T0}. */
    void send(G711Codec codec, int seq, long ts, byte[] payload, double atMillis) {
        raw(RtpPackets.rtp(codec.payloadType(), false, seq, ts, ssrc, payload), atMillis);
    }

    void send(int pt, int packetSsrc, int seq, long ts, byte[] payload, double atMillis) {
        raw(RtpPackets.rtp(pt, false, seq, ts, packetSsrc, payload), atMillis);
    }

    void raw(byte[] datagram, double atMillis) {
        ByteBuf b = Unpooled.wrappedBuffer(datagram);
        pipeline.receive(context.reset(b, FROM, T0 + (long) (atMillis * 1_000_000)));
    }

    long errors() {
        return pipeline.errors();
    }

    /** {@code n} payload bytes of a tone: every byte a non-silent G.711 code. */
    static byte[] tone(G711Codec codec, double hz, int first, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = codec.encode((short) (4000 * Math.sin(2 * Math.PI * hz * (first + i) / 8000.0) + 6000)); // never near 0
        }
        return b;
    }

    /** The samples a payload decodes to. */
    static short[] decode(G711Codec codec, byte[] payload) {
        short[] s = new short[payload.length];
        for (int i = 0; i < payload.length; i++) {
            s[i] = codec.decode(payload[i]);
        }
        return s;
    }
}
