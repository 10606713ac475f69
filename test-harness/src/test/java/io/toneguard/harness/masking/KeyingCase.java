package io.toneguard.harness.masking;

import io.toneguard.dtmf.DtmfDigit;
import io.toneguard.dtmf.mask.ReplacementMode;
import io.toneguard.dtmf.testing.Signal;
import io.toneguard.dtmf.testing.SpeechCorpus;
import io.toneguard.harness.rtp.RtpImpairment;
import io.toneguard.harness.rtp.RtpPcapWriter;
import io.toneguard.harness.rtp.RtpPcapWriter.AudioDuringEvents;
import io.toneguard.harness.rtp.RtpPcapWriter.KeyPress;
import io.toneguard.harness.rtp.RtpPcapWriter.TimedPacket;
import io.toneguard.media.g711.G711Codec;
import java.util.ArrayList;
import java.util.List;

/**
 * One way a caller's phone and network can deliver all 16 keys: how the keys travel (tones, events,
 * both, events in the audio's place), their timing, what the network does, speech under the keys, the
 * codec, and what the agent hears instead. {@link #stream()} makes the caller's packets as they arrive.
 *
 * @param delivery how the keys travel
 * @param eventOffsetMillis events later (positive) or earlier (negative) than the tones, for {@link Delivery#TONES_AND_EVENTS}
 * @param onMillis how long each key is down
 * @param offMillis pause between keys
 * @param phaseMillis where in its 20 ms packet the first key starts (0-19)
 * @param impairment what the network does
 * @param speechUnder speech 10 dB below the tones all through the keying
 * @param codec the audio's G.711 law
 * @param mode what the agent hears instead of a key
 */
public record KeyingCase(Delivery delivery, double eventOffsetMillis, double onMillis, double offMillis, double phaseMillis,
        RtpImpairment impairment, boolean speechUnder, G711Codec codec, ReplacementMode mode) {
    /** Level of each of a key's two tones, dBm0. */
    public static final double TONE_DBM0 = -10;
    /** The keys, in the order they are pressed. */
    public static final List<DtmfDigit> KEYS = List.of(DtmfDigit.values());
    private static final double LEAD_MILLIS = 400;

    /** How the keys travel. */
    public enum Delivery {
        /** In-band tones and RFC 4733 events for the same presses (what most gateways send). */
        TONES_AND_EVENTS,
        /** Events take the audio packets' place while a key is down; the tone's first milliseconds travel as audio. */
        EVENTS_REPLACE_AUDIO,
        /** In-band tones only. */
        TONES_ONLY,
        /** Events only; the audio goes on without tones. */
        EVENTS_ONLY
    }

    /** The caller's stream as sent, then as the network delivers it. */
    public record Stream(List<TimedPacket> packets, short[] sent, RtpPcapWriter.Options options) {
    }

    public static KeyingCase of(Delivery delivery, double onOffMillis) {
        return new KeyingCase(delivery, 0, onOffMillis, onOffMillis, 7, RtpImpairment.NONE, false, G711Codec.MU_LAW,
                ReplacementMode.FLAT_TONE);
    }

    public KeyingCase withEventOffset(double millis) {
        return new KeyingCase(delivery, millis, onMillis, offMillis, phaseMillis, impairment, speechUnder, codec, mode);
    }

    public KeyingCase withPhase(double millis) {
        return new KeyingCase(delivery, eventOffsetMillis, onMillis, offMillis, millis, impairment, speechUnder, codec, mode);
    }

    public KeyingCase with(RtpImpairment i) {
        return new KeyingCase(delivery, eventOffsetMillis, onMillis, offMillis, phaseMillis, i, speechUnder, codec, mode);
    }

    public KeyingCase withSpeechUnder(boolean speech) {
        return new KeyingCase(delivery, eventOffsetMillis, onMillis, offMillis, phaseMillis, impairment, speech, codec, mode);
    }

    public KeyingCase with(G711Codec c) {
        return new KeyingCase(delivery, eventOffsetMillis, onMillis, offMillis, phaseMillis, impairment, speechUnder, c, mode);
    }

    public KeyingCase with(ReplacementMode m) {
        return new KeyingCase(delivery, eventOffsetMillis, onMillis, offMillis, phaseMillis, impairment, speechUnder, codec, m);
    }

    /** Whether the keys are in the audio. */
    public boolean hasTones() {
        return delivery != Delivery.EVENTS_ONLY;
    }

    /** Whether the keys are sent as telephone-events. */
    public boolean hasEvents() {
        return delivery != Delivery.TONES_ONLY;
    }

    /** How long the stream lasts, milliseconds. */
    public double durationMillis() {
        return 2 * LEAD_MILLIS + phaseMillis + KEYS.size() * (onMillis + offMillis);
    }

    public Stream stream() {
        int length = Signal.ms(durationMillis());
        Signal s = new Signal(Double.doubleToLongBits(onMillis) ^ (long) phaseMillis ^ impairment.seed());
        s.audio(speechBed(length));
        List<KeyPress> presses = new ArrayList<>();
        double at = LEAD_MILLIS + phaseMillis;
        for (DtmfDigit d : KEYS) {
            if (hasTones()) {
                s.overlayTone(d, Signal.ms(at), onMillis, TONE_DBM0);
            }
            if (delivery == Delivery.EVENTS_REPLACE_AUDIO) {
                // the phone sends the tone until its next packet, then events instead of audio
                double next = Math.ceil((at + 0.001) / RtpPcapWriter.FRAME_MILLIS) * RtpPcapWriter.FRAME_MILLIS;
                presses.add(new KeyPress(d, next, Math.max(1, at + onMillis - next)));
            } else if (hasEvents()) {
                presses.add(new KeyPress(d, at, onMillis));
            }
            at += onMillis + offMillis;
        }
        RtpPcapWriter.Options options = RtpPcapWriter.Options.DEFAULT.withCodec(codec)
                .withAudioDuringEvents(delivery == Delivery.EVENTS_REPLACE_AUDIO ? AudioDuringEvents.PAUSE : AudioDuringEvents.CONTINUE);
        if (delivery == Delivery.TONES_AND_EVENTS) {
            options = options.withEventOffsetMillis(eventOffsetMillis);
        }
        short[] pcm = s.pcm();
        return new Stream(impairment.apply(RtpPcapWriter.packets(pcm, presses, options)), pcm, options);
    }

    /**
     * Speech before and after the keys; under them too when {@link #speechUnder}, 10 dB below the
     * power of a key's two tones.
     */
    private short[] speechBed(int length) {
        short[] bed = new short[length];
        short[] before = SpeechCorpus.read("you-entered.wav");
        short[] after = SpeechCorpus.read("please-try-again.wav");
        int lead = Signal.ms(LEAD_MILLIS);
        copyScaled(before, before.length - Math.min(before.length, lead), bed, 0, Math.min(before.length, lead), 1);
        copyScaled(after, 0, bed, length - lead, Math.min(after.length, lead), 1);
        if (speechUnder) {
            short[] speech = SpeechCorpus.read("enter-num-blacklist.wav");
            double tonePower = 2 * Math.pow(Signal.DBM0_PEAK * Math.pow(10, TONE_DBM0 / 20), 2) / 2;
            double gain = Math.sqrt(tonePower / 10 / power(speech));
            for (int at = lead; at < length - lead; at += speech.length) {
                copyScaled(speech, 0, bed, at, Math.min(speech.length, length - lead - at), gain);
            }
        }
        return bed;
    }

    private static double power(short[] pcm) {
        double sum = 0;
        for (short v : pcm) {
            sum += (double) v * v;
        }
        return sum / pcm.length;
    }

    private static void copyScaled(short[] from, int fromOff, short[] to, int toOff, int n, double gain) {
        for (int i = 0; i < n; i++) {
            to[toOff + i] = (short) Math.max(-32768, Math.min(32767, Math.round(from[fromOff + i] * gain)));
        }
    }

    @Override
    public String toString() {
        return delivery + (delivery == Delivery.TONES_AND_EVENTS ? " (events " + eventOffsetMillis + " ms)" : "")
                + ", " + onMillis + "/" + offMillis + " ms, phase " + phaseMillis + " ms, " + impairment
                + (speechUnder ? ", speech under" : "") + ", " + codec + ", " + mode.configName();
    }
}
