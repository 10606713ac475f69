package io.toneguard.ivr.play;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.toneguard.media.g711.G711Codec;
import io.toneguard.media.pipeline.DropReason;
import io.toneguard.media.pipeline.PacketContext;
import io.toneguard.media.pipeline.TransformStage;
import io.toneguard.media.rtp.RtpPacket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The agent -> caller stage that plays prompts to the caller. Per agent packet: while the
 * {@link PromptPlayer} has something to play, the G.711 payload (PCMU or PCMA) is replaced in
 * place by the next prompt frame, encoded in the packet's own law; when the player is idle the
 * packet passes ({@link PlaybackMode#PASS}) or carries silence ({@link PlaybackMode#SILENCE},
 * {@link PlaybackMode#PROMPT}). Agent packets that are not G.711 audio (telephone-events, comfort
 * noise) are removed whenever the caller must not hear the agent (the stream rewriter closes the gap).
 *
 * <p>When the agent side sends nothing (hold, a muted endpoint), {@link #tick} makes the packets
 * itself: call it every 20 ms on the call's event loop (a server ticks all of a loop's stages with one
 * {@link PromptTicker}); once no agent audio has
 * passed for {@value #QUIET_MILLIS} ms and there is something to send, it produces 20 ms packets
 * with an SSRC, sequence numbers and timestamps of its own, paced by the clock, and hands them to a
 * {@link PacketInjector} that runs them through this stage (which fills them) and the rewriter, so
 * the caller sees one continuous stream.
 *
 * <p>Runs on the event loop; {@link #mode(PlaybackMode)} may be set from any thread. Relaying a
 * packet allocates nothing; each generated packet is a pooled buffer.
 */
public final class PlayPromptStage extends TransformStage {
    /** Samples in a generated packet: 20 ms at 8 kHz. */
    public static final int FRAME_SAMPLES = 160;
    /** Agent silence after which packets are generated. */
    public static final int QUIET_MILLIS = 40;
    private static final long FRAME_NANOS = 20_000_000L;
    private static final long QUIET_NANOS = QUIET_MILLIS * 1_000_000L;
    private static final int MAX_PER_TICK = 3;
    private static final int MAX_SAMPLES = 2048;

    private final PromptPlayer player;
    private final ByteBufAllocator allocator;
    private final short[] frame = new short[MAX_SAMPLES];
    private final int ssrc;
    private volatile PlaybackMode mode = PlaybackMode.PASS;

    private int audioPt;
    private long lastAgentAudioNanos = Long.MIN_VALUE / 2;
    private boolean generating;
    private long nextDueNanos;
    private long lastMadeNanos;
    private boolean madeAny;
    private int seq;
    private long timestamp;
    private long promptPackets;
    private long silencedPackets;
    private long removedPackets;
    private long generatedPackets;

    /**
     * @param player what to play
     * @param payloadType the caller leg's G.711 payload type (0 PCMU, 8 PCMA), for generated
     *     packets until the agent's audio shows which one is in use
     */
    public PlayPromptStage(PromptPlayer player, int payloadType) {
        this(player, payloadType, PooledByteBufAllocator.DEFAULT);
    }

    public PlayPromptStage(PromptPlayer player, int payloadType, ByteBufAllocator allocator) {
        super("play-prompt");
        if (G711Codec.forPayloadType(payloadType) == null) {
            throw new IllegalArgumentException("prompts are sent as PCMU (0) or PCMA (8), not payload type " + payloadType);
        }
        this.player = player;
        this.audioPt = payloadType;
        this.allocator = allocator;
        ThreadLocalRandom r = ThreadLocalRandom.current();
        int s;
        do {
            s = r.nextInt();
        } while (s == 0);
        this.ssrc = s;
        this.seq = r.nextInt(0x10000);
        this.timestamp = r.nextLong(0x1_0000_0000L);
    }

    public PromptPlayer player() {
        return player;
    }

    /** Sets what the caller hears of the agent side; any thread. */
    public void mode(PlaybackMode mode) {
        this.mode = mode;
    }

    public PlaybackMode mode() {
        return mode;
    }

    /** The SSRC of generated packets (before the stream rewriter gives the call's own). */
    public int generatedSsrc() {
        return ssrc;
    }

    /** Agent packets whose payload became prompt audio. */
    public long promptPackets() {
        return promptPackets;
    }

    /** Agent packets whose payload became silence. */
    public long silencedPackets() {
        return silencedPackets;
    }

    /** Agent packets removed (not audio, while the agent must not be heard). */
    public long removedPackets() {
        return removedPackets;
    }

    /** Packets made by {@link #tick}. */
    public long generatedPackets() {
        return generatedPackets;
    }

    @Override
    protected DropReason transform(PacketContext p) {
        RtpPacket rtp = p.rtp();
        if (p.generated()) {
            if (rtp.ssrc() != ssrc) {
                return DropReason.NONE; // someone else's
            }
            fillPayload(rtp, G711Codec.forPayloadType(rtp.payloadType()));
            return DropReason.NONE;
        }
        G711Codec codec = G711Codec.forPayloadType(rtp.payloadType());
        if (codec != null) {
            lastAgentAudioNanos = p.receivedNanos();
            audioPt = rtp.payloadType();
        }
        boolean playing = player.active();
        if (!playing && mode == PlaybackMode.PASS) {
            return DropReason.NONE;
        }
        if (codec == null || rtp.payloadLength() > MAX_SAMPLES) {
            removedPackets++;
            return DropReason.REMOVED;
        }
        if (fillPayload(rtp, codec)) {
            promptPackets++;
        } else {
            silencedPackets++;
        }
        return DropReason.NONE;
    }

    /** Writes the next frame (prompt or silence) over the payload; true if it had prompt audio. */
    private boolean fillPayload(RtpPacket rtp, G711Codec codec) {
        int n = rtp.payloadLength();
        boolean prompt = player.fill(frame, 0, n);
        codec.encode(frame, 0, n, rtp.buffer(), rtp.payloadOffset());
        return prompt;
    }

    /**
     * Call every 20 ms on the event loop: if the agent side has sent no audio for
     * {@value #QUIET_MILLIS} ms and a prompt is playing (or the mode is {@link PlaybackMode#PROMPT}),
     * sends the packets due by now (one per 20 ms, a few at most to catch up) to {@code out}.
     *
     * @return the number of packets sent
     */
    public int tick(long nowNanos, PacketInjector out) {
        boolean wanted = player.active() || mode == PlaybackMode.PROMPT;
        if (!wanted || nowNanos - lastAgentAudioNanos < QUIET_NANOS) {
            generating = false;
            return 0;
        }
        boolean talkspurt = false;
        if (!generating) {
            generating = true;
            talkspurt = true;
            nextDueNanos = nowNanos;
            if (madeAny) { // the RTP clock ran on while nothing was made
                long gap = (nowNanos - lastMadeNanos) / 125_000L - FRAME_SAMPLES; // 125 us per sample at 8 kHz
                if (gap > 0) {
                    timestamp = (timestamp + gap) & 0xFFFF_FFFFL;
                }
            }
        }
        int made = 0;
        while (nowNanos - nextDueNanos >= 0 && made < MAX_PER_TICK) {
            out.inject(newPacket(talkspurt && made == 0), nowNanos);
            nextDueNanos += FRAME_NANOS;
            made++;
        }
        if (nowNanos - nextDueNanos >= 0) {
            nextDueNanos = nowNanos + FRAME_NANOS; // too far behind: do not burst
        }
        lastMadeNanos = nowNanos;
        return made;
    }

    private ByteBuf newPacket(boolean marker) {
        ByteBuf b = allocator.directBuffer(RtpPacket.FIXED_HEADER_LENGTH + FRAME_SAMPLES);
        RtpPacket.writeHeader(b, marker, audioPt, seq, timestamp, ssrc);
        b.writeBytes(SilencePayload.of(audioPt), 0, FRAME_SAMPLES); // the stage fills it on its way through
        seq = (seq + 1) & 0xFFFF;
        timestamp = (timestamp + FRAME_SAMPLES) & 0xFFFF_FFFFL;
        generatedPackets++;
        madeAny = true;
        return b;
    }

    /** Preencoded silence, 160 bytes per law. */
    private static final class SilencePayload {
        private static final byte[] MU = filled(G711Codec.MU_LAW.silence());
        private static final byte[] A = filled(G711Codec.A_LAW.silence());

        static byte[] of(int payloadType) {
            return payloadType == 8 ? A : MU;
        }

        private static byte[] filled(byte b) {
            byte[] a = new byte[FRAME_SAMPLES];
            java.util.Arrays.fill(a, b);
            return a;
        }
    }
}
