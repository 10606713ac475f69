package io.toneguard.dtmf.mask;

import io.netty.buffer.ByteBuf;
import io.toneguard.dtmf.DigitListener;
import io.toneguard.dtmf.DigitSource;
import io.toneguard.dtmf.DtmfDigit;
import io.toneguard.dtmf.inband.InbandListener;
import io.toneguard.dtmf.rfc4733.DigitMerger;
import io.toneguard.dtmf.rfc4733.Rfc4733EventTracker;
import io.toneguard.media.g711.G711Codec;
import io.toneguard.media.pipeline.DropReason;
import io.toneguard.media.pipeline.PacketContext;
import io.toneguard.media.pipeline.TransformStage;
import io.toneguard.media.rtp.RtpPacket;

/**
 * The caller -> agent masking stage, always on from the first packet. Per packet:
 * <ul>
 *   <li>G.711 audio (PCMU, PCMA) is decoded, run through the {@link ToneMasker} (delay line,
 *       in-band detection, retroactive masking) and re-encoded in place;</li>
 *   <li>RFC 4733 telephone-events go to the event tracker and never leave: while the sender keeps
 *       sending audio they are removed (the stream rewriter closes the sequence gap) and the audio
 *       of that time is masked; when the sender sends events instead of audio, each is turned into
 *       an audio packet of replacement audio in the stream's audio payload type, with a
 *       timestamp that continues the audio timeline; retransmitted end packets are removed;</li>
 *   <li>anything else the masker cannot read is dropped, except comfort noise (RFC 3389), which
 *       carries no tones.</li>
 * </ul>
 * Digits from both paths are merged (no doubles) and reach the {@link DigitListener} with RTP
 * timestamps. Allocates nothing per packet.
 */
public final class MaskToneStage extends TransformStage {
    /** RTP payload type of comfort noise (RFC 3389). */
    public static final int COMFORT_NOISE_PT = 13;
    private static final int MAX_SAMPLES = 4096;
    /** Events count as "with audio" when audio arrived less than this long ago. */
    private static final long AUDIO_FLOWING_NANOS = 60_000_000L;
    /** Furthest an event's onset may lie from the audio's timeline and still be placed on it: 1 s. */
    private static final int EVENT_ONSET_REACH = 8000;

    private final int telephoneEventPt;
    private final ToneMasker masker;
    private final Rfc4733EventTracker events;
    private final DigitMerger merger;
    private final short[] samples = new short[MAX_SAMPLES];
    /** In-band digits in timestamp order, once the stream has reordered a packet (null until then). */
    private TimestampOrderedDigits ordered;

    private int audioPt = -1;
    private long lastAudioNanos = Long.MIN_VALUE / 2;
    private long nextAudioTs = -1;
    private int frameSamples = 160;
    /** RTP timestamp of the packet being processed. */
    private long packetTs;
    /** The masker's samples on the RTP timeline, for in-band digit timestamps. */
    private final RtpTimeline timeline = new RtpTimeline();
    private long removedEvents;
    private long convertedEvents;
    private long foreignPayloads;

    /**
     * @param telephoneEventPt the negotiated telephone-event payload type, or -1 if none
     * @param settings masker options
     * @param digits where digits go (the capture session)
     */
    public MaskToneStage(int telephoneEventPt, MaskerSettings settings, DigitListener digits) {
        super("mask-tones");
        this.telephoneEventPt = telephoneEventPt;
        this.merger = new DigitMerger(digits);
        this.masker = new ToneMasker(settings, new InbandDigits());
        this.events = new Rfc4733EventTracker(merger);
    }

    public ToneMasker masker() {
        return masker;
    }

    public Rfc4733EventTracker events() {
        return events;
    }

    /** Telephone-event packets removed (sent alongside audio, or retransmissions). */
    public long removedEvents() {
        return removedEvents;
    }

    /** Telephone-event packets turned into replacement audio packets. */
    public long convertedEvents() {
        return convertedEvents;
    }

    /** Packets of payload types the masker cannot read, dropped. */
    public long foreignPayloads() {
        return foreignPayloads;
    }

    @Override
    protected DropReason transform(PacketContext p) {
        RtpPacket rtp = p.rtp();
        long now = p.receivedNanos();
        events.tick(now);
        int pt = rtp.payloadType();
        if (pt == telephoneEventPt) {
            return telephoneEvent(rtp, now);
        }
        G711Codec codec = G711Codec.forPayloadType(pt);
        if (codec != null) {
            return audio(rtp, codec, now);
        }
        if (pt == COMFORT_NOISE_PT) {
            return DropReason.NONE;
        }
        foreignPayloads++;
        return DropReason.UNKNOWN_PAYLOAD_TYPE;
    }

    private DropReason audio(RtpPacket rtp, G711Codec codec, long now) {
        int n = rtp.payloadLength();
        if (n == 0) {
            return DropReason.NONE;
        }
        if (n > MAX_SAMPLES) {
            return DropReason.REMOVED;
        }
        ByteBuf buf = rtp.buffer();
        int at = rtp.payloadOffset();
        codec.decode(buf, at, samples, 0, n);
        onTimeline(masker.written(), rtp.timestamp());
        if (nextAudioTs >= 0 && packetTs != nextAudioTs) {
            masker.discontinuity(); // lost or reordered audio: a tone may be cut into fragments here
            if (ordered == null && (int) (packetTs - nextAudioTs) < 0 && !masker.digitActive()) {
                // the first reordered packet: from now on in-band digits are decided in timestamp order
                ordered = new TimestampOrderedDigits(masker.settings().detector(), merger, MAX_SAMPLES);
            }
        }
        if (ordered != null) {
            ordered.accept(packetTs, samples, n);
        }
        if (events.inEvent()) {
            masker.maskNext(n); // a key is down by RFC 4733: hide this audio whatever the detector thinks
        }
        masker.process(samples, 0, n, samples, 0);
        codec.encode(samples, 0, n, buf, at);
        audioPt = rtp.payloadType();
        lastAudioNanos = now;
        nextAudioTs = (packetTs + n) & 0xFFFF_FFFFL;
        frameSamples = n;
        return DropReason.NONE;
    }

    private DropReason telephoneEvent(RtpPacket rtp, long now) {
        events.accept(rtp, now);
        maskFromEventOnset(rtp);
        boolean audioFlowing = now - lastAudioNanos < AUDIO_FLOWING_NANOS;
        if (audioFlowing || audioPt < 0) {
            // the audio carries the time; or there is no audio format to speak in yet
            masker.maskNext(frameSamples);
            removedEvents++;
            return DropReason.REMOVED;
        }
        int n = frameSamples;
        if (rtp.payloadLength() >= 4) {
            long eventTs = rtp.timestamp();
            int duration = rtp.buffer().getUnsignedShort(rtp.payloadOffset() + 2);
            long eventNow = (eventTs + duration) & 0xFFFF_FFFFL;
            // no later than the audio already sent (redundant end packets, retransmissions): nothing new
            if ((int) (eventNow - nextAudioTs) <= 0) {
                removedEvents++;
                return DropReason.REMOVED;
            }
        }
        ByteBuf buf = rtp.buffer();
        int at = rtp.payloadOffset();
        if (buf.capacity() < at + n) {
            removedEvents++;
            return DropReason.REMOVED;
        }
        onTimeline(masker.written(), nextAudioTs);
        masker.processMasked(n, samples, 0);
        G711Codec codec = G711Codec.forPayloadType(audioPt);
        buf.writerIndex(at + n);
        codec.encode(samples, 0, n, buf, at);
        buf.setByte(buf.readerIndex(), buf.getByte(buf.readerIndex()) & ~0x20); // no padding any more
        rtp.setPayloadType(audioPt);
        rtp.setTimestamp(nextAudioTs);
        rtp.setMarker(false);
        nextAudioTs = (nextAudioTs + n) & 0xFFFF_FFFFL;
        rtp.wrap(buf); // the length changed: refresh the view for later stages
        convertedEvents++;
        return DropReason.NONE;
    }

    /** The packet being processed starts at masker sample {@code firstSample} and RTP timestamp {@code ts}. */
    private void onTimeline(long firstSample, long ts) {
        packetTs = ts;
        timeline.add(firstSample, ts);
    }

    /**
     * A key reported by SIP INFO: it goes through the same merger as the stream's in-band and RFC 4733
     * digits (a phone sending INFO and events, or INFO and tones, for one press enters it once), placed
     * on the stream's timeline at the newest audio's time, and everything still in the delay line is
     * masked. Call on the stream's media thread.
     */
    public void infoDigit(DtmfDigit digit) {
        long now = nextAudioTs < 0 ? 0 : nextAudioTs;
        masker.maskFrom(masker.written() - masker.delaySamples(), frameSamples);
        merger.digitStarted(digit, DigitSource.SIP_INFO, now);
        merger.digitEnded(digit, DigitSource.SIP_INFO, now);
    }

    /**
     * An event says a key is down, and its RTP timestamp places the key's onset on the audio's
     * timeline. Phones that send events in place of the audio stamp them with the next packet's time,
     * after the tone's first milliseconds went out as audio; so everything still in the delay line is
     * masked as well as the audio from the onset on, however late the event packet came. A timestamp
     * that does not fit the audio's timeline (before any audio, or more than a second away) masks from
     * now only.
     */
    private void maskFromEventOnset(RtpPacket rtp) {
        if (nextAudioTs < 0) {
            return;
        }
        int ahead = (int) (rtp.timestamp() - nextAudioTs); // signed: negative = the onset is in audio already taken
        if (Math.abs(ahead) > EVENT_ONSET_REACH) {
            return;
        }
        masker.maskFrom(masker.written() + Math.min(ahead, 0) - masker.delaySamples(), frameSamples + Math.max(ahead, 0));
    }

    /** In-band digits, with sample indexes turned into RTP timestamps, into the merger. */
    private final class InbandDigits implements InbandListener {
        @Override
        public void toneSuspected(long fromSample, long toSample) {
            // the masker handles suspicion itself
        }

        @Override
        public void digitStarted(DtmfDigit digit, long onsetSample) {
            if (ordered == null) { // else the timestamp-ordered detector decides digits
                merger.digitStarted(digit, DigitSource.INBAND, timeline.timestampOf(onsetSample));
            }
        }

        @Override
        public void digitEnded(DtmfDigit digit, long endSample) {
            if (ordered == null) {
                merger.digitEnded(digit, DigitSource.INBAND, timeline.timestampOf(endSample));
            }
        }
    }
}
