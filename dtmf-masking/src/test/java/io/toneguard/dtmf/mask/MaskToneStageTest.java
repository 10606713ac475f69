package io.toneguard.dtmf.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.toneguard.dtmf.DigitListener;
import io.toneguard.dtmf.DigitSource;
import io.toneguard.dtmf.DtmfDigit;
import io.toneguard.dtmf.testing.LeakOracles;
import io.toneguard.dtmf.testing.Multimon;
import io.toneguard.dtmf.testing.Signal;
import io.toneguard.dtmf.testing.SpeechCorpus;
import io.toneguard.media.g711.G711Codec;
import io.toneguard.media.pipeline.DropReason;
import io.toneguard.media.pipeline.MediaPipeline;
import io.toneguard.media.pipeline.PacketContext;
import io.toneguard.media.pipeline.SinkStage;
import io.toneguard.media.relay.ParseRtpStage;
import io.toneguard.media.relay.RewriteStreamStage;
import io.toneguard.media.relay.StreamRewriter;
import io.toneguard.media.rfc4733.Rfc4733Payload;
import io.toneguard.media.rtp.RtpPacket;
import io.toneguard.media.testing.NettyLeakGuard;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The masking stage on RTP: in-band tones, RFC 4733 events, both at once, and junk. */
class MaskToneStageTest {
    private static final int TE = 101;
    private static final char[] CARD = "5454545454545454".toCharArray();
    private static final InetSocketAddress FROM = new InetSocketAddress("127.0.0.1", 4000);

    @AfterAll
    static void noLeaks() {
        NettyLeakGuard.assertNoLeaks();
    }

    /** What left the pipeline toward the agent. */
    static final class Agent extends SinkStage {
        final List<byte[]> packets = new ArrayList<>();

        Agent() {
            super("agent");
        }

        @Override
        protected DropReason consume(PacketContext p) {
            ByteBuf b = p.handOff();
            byte[] copy = new byte[b.readableBytes()];
            b.getBytes(b.readerIndex(), copy);
            packets.add(copy);
            b.release();
            return DropReason.NONE;
        }

        short[] audio() {
            ByteArrayOutputStream pcmu = new ByteArrayOutputStream();
            for (byte[] p : packets) {
                assertEquals(0, p[1] & 0x7F, "only PCMU reaches the agent");
                pcmu.write(p, 12, p.length - 12);
            }
            byte[] bytes = pcmu.toByteArray();
            short[] pcm = new short[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                pcm[i] = G711Codec.MU_LAW.decode(bytes[i]);
            }
            return pcm;
        }

        void assertContinuous() {
            for (int i = 1; i < packets.size(); i++) {
                int prev = ((packets.get(i - 1)[2] & 0xFF) << 8) | (packets.get(i - 1)[3] & 0xFF);
                int seq = ((packets.get(i)[2] & 0xFF) << 8) | (packets.get(i)[3] & 0xFF);
                assertEquals((prev + 1) & 0xFFFF, seq, "sequence continuous at packet " + i);
                long prevTs = java.nio.ByteBuffer.wrap(packets.get(i - 1), 4, 4).getInt() & 0xFFFFFFFFL;
                long ts = java.nio.ByteBuffer.wrap(packets.get(i), 4, 4).getInt() & 0xFFFFFFFFL;
                assertTrue(ts > prevTs, "timestamps increase at packet " + i);
            }
        }
    }

    static final class Digits implements DigitListener {
        final StringBuilder keys = new StringBuilder(); // test only: production never keeps digits in text
        final List<DigitSource> sources = new ArrayList<>();

        @Override
        public void digitStarted(DtmfDigit digit, DigitSource source, long onsetTimestamp) {
            keys.append(digit.key());
            sources.add(source);
        }
    }

    private final Agent agent = new Agent();
    private final Digits digits = new Digits();
    private final MaskToneStage mask = new MaskToneStage(TE, MaskerSettings.DEFAULT, digits);
    private final MediaPipeline pipeline = MediaPipeline.builder("caller->agent")
            .onRemoved(ctx -> rewriter().removed(ctx.rtp()))
            .then(new ParseRtpStage())
            .then(mask)
            .then(new RewriteStreamStage(rewriter()))
            .sink(agent);
    private StreamRewriter rewriterInstance;
    private final PacketContext context = new PacketContext();
    private int seq = 1000;
    private long clockNanos;

    private StreamRewriter rewriter() {
        if (rewriterInstance == null) {
            rewriterInstance = new StreamRewriter(0x5EED, 8000);
        }
        return rewriterInstance;
    }

    private void send(int pt, long ts, boolean marker, byte[] payload) {
        ByteBuf b = Unpooled.buffer(2048);
        RtpPacket.writeHeader(b, marker, pt, seq++ & 0xFFFF, ts, 0xCA11E4);
        b.writeBytes(payload);
        pipeline.receive(context.reset(b, FROM, clockNanos));
    }

    private void sendAudio(short[] pcm, int off, long ts) {
        byte[] payload = new byte[160];
        for (int i = 0; i < 160; i++) {
            payload[i] = G711Codec.MU_LAW.encode(off + i < pcm.length ? pcm[off + i] : 0);
        }
        send(0, ts, false, payload);
        clockNanos += 20_000_000L;
    }

    private void sendEvent(DtmfDigit d, long eventTs, boolean end, int duration, boolean marker) {
        ByteBuf p = Unpooled.buffer(4);
        Rfc4733Payload.write(p, 0, d.event(), end, 10, duration);
        byte[] payload = new byte[4];
        p.getBytes(0, payload);
        p.release();
        send(TE, eventTs, marker, payload);
    }

    @Test
    void inBandCardNumberIsCapturedAndNeverHeard() {
        Signal call = new Signal(1).audio(SpeechCorpus.read("enter-num-blacklist.wav")).silence(200);
        for (char c : CARD) {
            call.tone(DtmfDigit.ofKey(c), 80, -8).silence(80);
        }
        call.audio(SpeechCorpus.read("you-entered.wav")).silence(300);
        short[] pcm = call.pcm();
        for (int off = 0, ts = 0; off < pcm.length; off += 160, ts += 160) {
            sendAudio(pcm, off, ts);
        }
        assertEquals(new String(CARD), digits.keys.toString());
        assertTrue(digits.sources.stream().allMatch(s -> s == DigitSource.INBAND));
        agent.assertContinuous();
        assertTrue(Multimon.dtmf(pcm).length >= CARD.length, "positive control: the input is decodable");
        LeakOracles.assertNothingDecodable(agent.audio());
    }

    @Test
    void rfc4733EventsBecomeReplacementAudioWithContinuousNumbering() {
        short[] speech = SpeechCorpus.read("you-entered.wav");
        long ts = 0;
        int off = 0;
        for (int i = 0; i < 20; i++, off += 160, ts += 160) {
            sendAudio(speech, off, ts);
        }
        for (char c : CARD) {
            DtmfDigit d = DtmfDigit.ofKey(c);
            long eventTs = ts;
            sendEvent(d, eventTs, false, 160, true);
            clockNanos += 20_000_000L;
            sendEvent(d, eventTs, false, 320, false);
            clockNanos += 20_000_000L;
            sendEvent(d, eventTs, false, 320, false); // a retransmission
            for (int r = 0; r < 3; r++) {
                sendEvent(d, eventTs, true, 480, false); // the three redundant end packets
            }
            clockNanos += 20_000_000L;
            ts += 480;
            for (int i = 0; i < 4; i++, off += 160, ts += 160) {
                sendAudio(speech, off, ts);
            }
        }
        assertEquals(new String(CARD), digits.keys.toString());
        assertTrue(digits.sources.stream().allMatch(s -> s == DigitSource.RFC4733));
        for (byte[] p : agent.packets) {
            assertEquals(0, p[1] & 0x7F, "no telephone-event reaches the agent");
        }
        agent.assertContinuous();
        assertEquals(CARD.length * 3, mask.convertedEvents());
        LeakOracles.assertNothingDecodable(agent.audio());
    }

    @Test
    void eventsAndInBandTonesTogetherGiveEachDigitOnce() {
        Signal call = new Signal(2).silence(200);
        for (char c : CARD) {
            call.tone(DtmfDigit.ofKey(c), 100, -10).silence(100);
        }
        short[] pcm = call.pcm();
        List<Signal.Tone> tones = call.tones();
        int next = 0;
        for (int off = 0, ts = 0; off < pcm.length; off += 160, ts += 160) {
            sendAudio(pcm, off, ts);
            if (next < tones.size() && tones.get(next).start() <= off) {
                Signal.Tone t = tones.get(next++);
                clockNanos -= 10_000_000L;
                sendEvent(t.digit(), t.start(), false, 160, true);
                sendEvent(t.digit(), t.start(), true, 800, false);
                clockNanos += 10_000_000L;
            }
        }
        assertEquals(new String(CARD), digits.keys.toString());
        for (byte[] p : agent.packets) {
            assertEquals(0, p[1] & 0x7F);
        }
        agent.assertContinuous();
        LeakOracles.assertNothingDecodable(agent.audio());
    }

    @Test
    void sipInfoAndInBandTonesForOnePressGiveEachDigitOnce() {
        Signal call = new Signal(3).silence(200);
        for (char c : CARD) {
            call.tone(DtmfDigit.ofKey(c), 80, -10).silence(80);
        }
        short[] pcm = call.pcm();
        List<Signal.Tone> tones = call.tones();
        int next = 0;
        for (int off = 0, ts = 0; off < pcm.length; off += 160, ts += 160) {
            sendAudio(pcm, off, ts);
            if (next < tones.size() && tones.get(next).start() + 160 <= off) {
                mask.infoDigit(tones.get(next++).digit()); // the INFO arrives 20-40 ms after the key went down
            }
        }
        assertEquals(new String(CARD), digits.keys.toString());
        LeakOracles.assertNothingDecodable(agent.audio());
    }

    @Test
    void sipInfoAndEventsForOnePressGiveEachDigitOnce() {
        short[] speech = SpeechCorpus.read("you-entered.wav");
        long ts = 0;
        int off = 0;
        for (int i = 0; i < 10; i++, off += 160, ts += 160) {
            sendAudio(speech, off, ts);
        }
        for (char c : CARD) {
            DtmfDigit d = DtmfDigit.ofKey(c);
            long eventTs = ts;
            sendEvent(d, eventTs, false, 160, true);
            mask.infoDigit(d); // before the events' end: the INFO and the events name one press
            sendAudio(speech, off, ts);
            sendEvent(d, eventTs, true, 320, false);
            off += 160;
            ts += 160;
            for (int i = 0; i < 4; i++, off += 160, ts += 160) {
                sendAudio(speech, off, ts);
            }
        }
        assertEquals(new String(CARD), digits.keys.toString());
        LeakOracles.assertNothingDecodable(agent.audio());
    }

    @Test
    void junkNeverBreaksTheStream() {
        short[] speech = SpeechCorpus.read("you-entered.wav");
        for (int i = 0; i < 10; i++) {
            sendAudio(speech, i * 160, i * 160L);
            send(TE, i * 160L, false, new byte[] {1, 2}); // truncated event
            send(TE, i * 160L, false, new byte[0]);
            send(18, i * 160L, false, new byte[20]); // G.729: cannot be inspected, so never forwarded
        }
        assertEquals(10, agent.packets.size());
        assertEquals(10, mask.foreignPayloads());
        assertEquals(0, pipeline.errors());
        assertArrayEquals(new char[0], digits.keys.toString().toCharArray());
    }
}
