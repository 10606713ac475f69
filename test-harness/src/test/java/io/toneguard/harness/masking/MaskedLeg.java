package io.toneguard.harness.masking;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.toneguard.dtmf.DigitListener;
import io.toneguard.dtmf.DigitSource;
import io.toneguard.dtmf.DtmfDigit;
import io.toneguard.dtmf.mask.MaskToneStage;
import io.toneguard.dtmf.mask.MaskerSettings;
import io.toneguard.harness.rtp.RtpPcapWriter.TimedPacket;
import io.toneguard.media.g711.G711Codec;
import io.toneguard.media.pipeline.DropReason;
import io.toneguard.media.pipeline.MediaPipeline;
import io.toneguard.media.pipeline.PacketContext;
import io.toneguard.media.pipeline.SinkStage;
import io.toneguard.media.relay.ParseRtpStage;
import io.toneguard.media.relay.RewriteStreamStage;
import io.toneguard.media.relay.StreamRewriter;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The caller -> agent leg's masking in process, as the relay runs it (parse, mask, rewrite), fed with a
 * caller's packets at their arrival times: what the agent would hear and which digits the capture gets.
 */
final class MaskedLeg {
    private static final InetSocketAddress FROM = new InetSocketAddress("127.0.0.1", 4000);

    /** The agent's audio in the order sent, and the keys the capture got (test only: never kept in production). */
    record Result(short[] heard, List<DtmfDigit> keys, List<DigitSource> sources, long lateSamples) {
    }

    private MaskedLeg() {
    }

    static Result run(List<TimedPacket> packets, MaskerSettings settings) {
        List<DtmfDigit> keys = new ArrayList<>();
        List<DigitSource> sources = new ArrayList<>();
        MaskToneStage mask = new MaskToneStage(101, settings, new DigitListener() {
            @Override
            public void digitStarted(DtmfDigit digit, DigitSource source, long onsetTimestamp) {
                keys.add(digit);
                sources.add(source);
            }
        });
        StreamRewriter rewriter = new StreamRewriter(0x5EED, 8000);
        Ear ear = new Ear();
        MediaPipeline pipeline = MediaPipeline.builder("caller->agent")
                .onRemoved(ctx -> rewriter.removed(ctx.rtp()))
                .then(new ParseRtpStage())
                .then(mask)
                .then(new RewriteStreamStage(rewriter))
                .sink(ear);
        PacketContext context = new PacketContext();
        for (TimedPacket p : packets) {
            ByteBuf b = Unpooled.buffer(2048);
            b.writeBytes(p.rtp());
            pipeline.receive(context.reset(b, FROM, p.offsetMicros() * 1000L));
        }
        short[] heard = new short[ear.audio.size()];
        for (int i = 0; i < heard.length; i++) {
            heard[i] = ear.audio.get(i);
        }
        return new Result(heard, keys, sources, mask.masker().lateSamples());
    }

    /** Decodes what reaches the agent. */
    private static final class Ear extends SinkStage {
        final List<Short> audio = new ArrayList<>();

        Ear() {
            super("agent");
        }

        @Override
        protected DropReason consume(PacketContext p) {
            G711Codec codec = G711Codec.forPayloadType(p.rtp().payloadType());
            if (codec != null) {
                ByteBuf b = p.rtp().buffer();
                for (int i = 0, at = p.rtp().payloadOffset(); i < p.rtp().payloadLength(); i++) {
                    audio.add(codec.decode(b.getByte(at + i)));
                }
            }
            p.release();
            return DropReason.NONE;
        }
    }
}
