package io.toneguard.ivr.play;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.toneguard.ivr.prompt.Prompt;
import io.toneguard.ivr.prompt.PromptIds;
import io.toneguard.ivr.prompt.PromptSet;
import io.toneguard.media.g711.G711Codec;
import io.toneguard.media.pipeline.DropReason;
import io.toneguard.media.pipeline.MediaPipeline;
import io.toneguard.media.pipeline.PacketContext;
import io.toneguard.media.pipeline.SinkStage;
import io.toneguard.media.relay.ParseRtpStage;
import io.toneguard.media.relay.RewriteStreamStage;
import io.toneguard.media.relay.StreamRewriter;
import io.toneguard.media.testing.NettyLeakGuard;
import io.toneguard.media.testing.RtpPackets;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The prompt stage in an agent -> caller pipeline (parse, play, rewrite, caller), driven packet by
 * packet with a test clock: payload replacement, modes, barge-in, packets generated when the agent
 * sends nothing, and what the caller hears.
 */
class PlayPromptStageTest {
    private static final InetSocketAddress AGENT = new InetSocketAddress("127.0.0.1", 6000);
    private static final long MS = 1_000_000L;
    private static final int AGENT_SSRC = 0xA6E47;
    private static final int TELEPHONE_EVENT = 101;
    private static final PromptSet EN = PromptSet.english();

    @AfterAll
    static void noLeaks() {
        NettyLeakGuard.assertNoLeaks();
    }

    /** What reached the caller. */
    static final class Caller extends SinkStage {
        final List<byte[]> packets = new ArrayList<>();

        Caller() {
            super("caller");
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

        byte[] payload(int i) {
            byte[] p = packets.get(i);
            return Arrays.copyOfRange(p, 12, p.length);
        }

        /** The audio of packets [from, to), decoded. */
        short[] audio(int from, int to) {
            List<Short> out = new ArrayList<>();
            for (int i = from; i < to; i++) {
                G711Codec codec = G711Codec.forPayloadType(RtpPackets.payloadType(packets.get(i)));
                for (byte b : payload(i)) {
                    out.add(codec.decode(b));
                }
            }
            short[] s = new short[out.size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = out.get(i);
            }
            return s;
        }

        void assertContinuous() {
            int ssrc = RtpPackets.ssrc(packets.get(0));
            for (int i = 1; i < packets.size(); i++) {
                byte[] prev = packets.get(i - 1);
                byte[] cur = packets.get(i);
                assertEquals((RtpPackets.seq(prev) + 1) & 0xFFFF, RtpPackets.seq(cur), "sequence at packet " + i);
                long step = (RtpPackets.timestamp(cur) - RtpPackets.timestamp(prev)) & 0xFFFF_FFFFL;
                assertTrue(step > 0 && step < 1_000_000, "timestamp advances at packet " + i + " (" + step + ")");
                assertEquals(ssrc, RtpPackets.ssrc(cur), "one SSRC at packet " + i);
            }
        }
    }

    private final PromptPlayer player = new PromptPlayer(Runnable::run);
    private final StreamRewriter rewriter = new StreamRewriter(0x5EED, 8000);
    private final Caller caller = new Caller();
    private final PlayPromptStage stage = new PlayPromptStage(player, 0);
    private final MediaPipeline pipeline = MediaPipeline.builder("agent->caller")
            .onRemoved(ctx -> rewriter.removed(ctx.rtp()))
            .then(new ParseRtpStage())
            .then(stage)
            .then(new RewriteStreamStage(rewriter))
            .sink(caller);
    private final PacketContext received = new PacketContext();
    private final PacketContext injected = new PacketContext();
    private final PacketInjector inject = (buf, now) -> pipeline.receive(injected.resetGenerated(buf, now));
    private int agentSeq = 40_000;
    private long agentTs = 123_456;

    /** The agent's payload for packet {@code k}: recognisable bytes. */
    private static byte[] agentPayload(int k, int n) {
        byte[] p = new byte[n];
        for (int i = 0; i < n; i++) {
            p[i] = (byte) (k * 31 + i * 7);
        }
        return p;
    }

    private void agentSends(int pt, byte[] payload, long nowNanos) {
        byte[] packet = RtpPackets.rtp(pt, false, agentSeq, agentTs, AGENT_SSRC, payload);
        agentSeq = (agentSeq + 1) & 0xFFFF;
        agentTs += payload.length;
        pipeline.receive(received.reset(Unpooled.wrappedBuffer(packet), AGENT, nowNanos));
    }

    private static byte[] encoded(G711Codec codec, short[] samples, int from, int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = codec.encode(from + i < samples.length ? samples[from + i] : 0);
        }
        return out;
    }

    private static Prompt clip(int n) {
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = (short) Math.round(6000 * Math.sin(2 * Math.PI * 523 * i / 8000.0));
        }
        return new Prompt("tone", "tone", s);
    }

    @Test
    void agentPayloadsCarryThePromptInTheirOwnLawThenPassAgain() {
        Prompt tone = clip(400);
        player.play(List.of(tone));
        for (int k = 0; k < 5; k++) {
            agentSends(k < 2 ? 0 : 8, agentPayload(k, 160), k * 20 * MS);
        }
        assertEquals(5, caller.packets.size());
        assertArrayEquals(encoded(G711Codec.MU_LAW, tone.samples(), 0, 160), caller.payload(0));
        assertArrayEquals(encoded(G711Codec.MU_LAW, tone.samples(), 160, 160), caller.payload(1));
        assertArrayEquals(encoded(G711Codec.A_LAW, tone.samples(), 320, 160), caller.payload(2), "PCMA gets A-law");
        assertEquals(8, RtpPackets.payloadType(caller.packets.get(2)));
        assertArrayEquals(agentPayload(3, 160), caller.payload(3), "idle in PASS: the agent is heard again");
        assertArrayEquals(agentPayload(4, 160), caller.payload(4));
        assertEquals(3, stage.promptPackets());
        caller.assertContinuous();
    }

    @Test
    void inSilenceModeTheAgentIsNeverHeardAndItsEventsAreRemoved() {
        stage.mode(PlaybackMode.SILENCE);
        agentSends(0, agentPayload(0, 160), 0);
        agentSends(TELEPHONE_EVENT, new byte[] {5, 0, 0, (byte) 160}, 10 * MS);
        agentSends(8, agentPayload(1, 160), 20 * MS);
        agentSends(13, new byte[] {40}, 30 * MS); // comfort noise
        agentSends(0, agentPayload(2, 240), 40 * MS); // 30 ms packet
        assertEquals(3, caller.packets.size());
        byte[] muSilence = new byte[160];
        Arrays.fill(muSilence, G711Codec.MU_LAW.encode((short) 0));
        byte[] aSilence = new byte[160];
        Arrays.fill(aSilence, G711Codec.A_LAW.encode((short) 0));
        assertArrayEquals(muSilence, caller.payload(0));
        assertArrayEquals(aSilence, caller.payload(1));
        assertEquals(240, caller.payload(2).length);
        assertEquals(0, Levels.peak(caller.audio(0, 3)), 8, "silence");
        assertEquals(2, stage.removedPackets());
        assertEquals(3, stage.silencedPackets());
        caller.assertContinuous();
    }

    @Test
    void bargeInEndsThePromptMidClipOnTheNextPacket() {
        Prompt tone = clip(8000);
        List<PlaybackOutcome> outcomes = new ArrayList<>();
        player.play(List.of(tone), (p, how) -> outcomes.add(how));
        agentSends(0, agentPayload(0, 160), 0);
        agentSends(0, agentPayload(1, 160), 20 * MS);
        player.stop(); // the caller pressed a key
        assertEquals(List.of(PlaybackOutcome.STOPPED), outcomes);
        agentSends(0, agentPayload(2, 160), 40 * MS);
        assertArrayEquals(encoded(G711Codec.MU_LAW, tone.samples(), 160, 160), caller.payload(1));
        assertArrayEquals(agentPayload(2, 160), caller.payload(2), "PASS: the agent straight after barge-in");

        stage.mode(PlaybackMode.SILENCE);
        player.play(List.of(tone));
        agentSends(0, agentPayload(3, 160), 60 * MS);
        player.stop();
        agentSends(0, agentPayload(4, 160), 80 * MS);
        assertArrayEquals(encoded(G711Codec.MU_LAW, tone.samples(), 0, 160), caller.payload(3));
        assertEquals(0, Levels.peak(caller.audio(4, 5)), 8, "SILENCE: silence straight after barge-in");
    }

    @Test
    void whenTheAgentSendsNothingThePromptIsSentInGeneratedPacketsWithContinuousNumbering() {
        stage.mode(PlaybackMode.SILENCE);
        long now = 0;
        for (int k = 0; k < 3; k++, now += 20 * MS) {
            agentSends(0, agentPayload(k, 160), now);
        }
        // the agent goes on hold and sends nothing; the flow plays the amount prompt
        Prompt prompt = EN.get(PromptIds.AMOUNT_IS);
        List<PlaybackOutcome> outcomes = new ArrayList<>();
        player.play(List.of(prompt), (p, how) -> outcomes.add(how));
        assertEquals(0, stage.tick(now, inject), "the agent was heard 20 ms ago");
        int framesNeeded = (prompt.samples().length + 159) / 160;
        int ticks = 0;
        while (outcomes.isEmpty() && ticks < 1000) {
            now += 20 * MS;
            stage.tick(now, inject);
            ticks++;
        }
        assertEquals(List.of(PlaybackOutcome.COMPLETED), outcomes);
        assertEquals(3 + framesNeeded, caller.packets.size());
        assertEquals(framesNeeded, stage.generatedPackets());
        for (int k = 0; k < 10; k++) {
            now += 20 * MS;
            assertEquals(0, stage.tick(now, inject), "nothing more to say in SILENCE mode");
        }
        agentSends(0, agentPayload(9, 160), now); // back from hold
        assertEquals(4 + framesNeeded, caller.packets.size());
        caller.assertContinuous();
        assertTrue(RtpPackets.marker(caller.packets.get(3)), "a new talkspurt starts the prompt");
        for (int i = 4; i < 3 + framesNeeded; i++) {
            assertEquals(160, RtpPackets.timestamp(caller.packets.get(i)) - RtpPackets.timestamp(caller.packets.get(i - 1)),
                    "20 ms per generated packet at " + i);
            assertEquals(0, RtpPackets.payloadType(caller.packets.get(i)));
        }
        assertSoundsLike(prompt.samples(), caller.audio(3, 3 + framesNeeded));
    }

    @Test
    void aPromptStartedOnAgentPacketsContinuesSeamlesslyWhenTheAgentStops() {
        Prompt prompt = EN.get(PromptIds.PAYMENT_SUCCESSFUL);
        player.play(List.of(prompt));
        long now = 0;
        for (int k = 0; k < 10; k++, now += 20 * MS) {
            agentSends(8, agentPayload(k, 160), now);
            stage.tick(now + 10 * MS, inject);
        }
        while (player.active()) {
            stage.tick(now, inject);
            now += 20 * MS;
        }
        assertEquals(10, stage.promptPackets());
        assertTrue(stage.generatedPackets() > 0);
        caller.assertContinuous();
        assertSoundsLike(prompt.samples(), caller.audio(0, caller.packets.size()));
        assertEquals(8, RtpPackets.payloadType(caller.packets.get(caller.packets.size() - 1)), "generated in the agent's law");
    }

    @Test
    void promptModeKeepsTheCallersStreamAliveBetweenPromptsPacedByTheClock() {
        stage.mode(PlaybackMode.PROMPT);
        assertEquals(1, stage.tick(0, inject));
        assertEquals(0, stage.tick(10 * MS, inject), "not due yet");
        assertEquals(1, stage.tick(20 * MS, inject));
        assertEquals(3, stage.tick(100 * MS, inject), "late: catches up, a few at most");
        assertEquals(1, stage.tick(120 * MS, inject), "too far behind: no burst");
        assertEquals(6, caller.packets.size());
        assertEquals(0, Levels.peak(caller.audio(0, 6)), 8, "silence");
        stage.mode(PlaybackMode.PASS);
        assertEquals(0, stage.tick(140 * MS, inject), "PASS with nothing to play sends nothing");
        // a second run, a second later: the RTP clock ran on meanwhile
        stage.mode(PlaybackMode.PROMPT);
        assertEquals(1, stage.tick(1140 * MS, inject));
        long jump = RtpPackets.timestamp(caller.packets.get(6)) - RtpPackets.timestamp(caller.packets.get(5));
        assertEquals(8000, jump, 160);
        assertTrue(RtpPackets.marker(caller.packets.get(6)));
        caller.assertContinuous();
    }

    @Test
    void generatedPacketsStopAsSoonAsTheAgentIsHeardAgain() {
        stage.mode(PlaybackMode.PROMPT);
        stage.tick(0, inject);
        stage.tick(20 * MS, inject);
        agentSends(0, agentPayload(0, 160), 30 * MS);
        assertEquals(0, stage.tick(40 * MS, inject));
        assertEquals(0, stage.tick(60 * MS, inject));
        assertEquals(1, stage.tick(70 * MS, inject), "40 ms of agent silence");
        assertEquals(4, caller.packets.size());
        caller.assertContinuous();
    }

    @Test
    void otherGeneratedPacketsPassAndOnlyG711IsAccepted() {
        byte[] foreign = RtpPackets.rtp(0, false, 1, 0, 0x0F0E, agentPayload(0, 160));
        pipeline.receive(injected.resetGenerated(Unpooled.wrappedBuffer(foreign), 0));
        assertArrayEquals(agentPayload(0, 160), caller.payload(0));
        assertThrows(IllegalArgumentException.class, () -> new PlayPromptStage(player, 18));
        assertFalse(stage.player().active());
    }

    /** The caller's decoded audio is the prompt (G.711 quantization aside): correlation and level. */
    static void assertSoundsLike(short[] expected, short[] got) {
        assertTrue(got.length >= expected.length, "got " + got.length + " samples for " + expected.length);
        double xy = 0;
        double xx = 0;
        double yy = 0;
        for (int i = 0; i < expected.length; i++) {
            xy += (double) expected[i] * got[i];
            xx += (double) expected[i] * expected[i];
            yy += (double) got[i] * got[i];
        }
        double correlation = xy / Math.sqrt(xx * yy);
        assertTrue(correlation > 0.999, "correlation " + correlation);
        double levelDb = 10 * Math.log10(yy / xx);
        assertEquals(0, levelDb, 0.2, "level difference in dB");
        for (int i = expected.length; i < got.length; i++) {
            assertTrue(Math.abs(got[i]) < 16, "silence after the prompt, sample " + i);
        }
    }

    /** Peak of decoded audio. */
    static final class Levels {
        static int peak(short[] s) {
            int p = 0;
            for (short v : s) {
                p = Math.max(p, Math.abs(v));
            }
            return p;
        }
    }
}
