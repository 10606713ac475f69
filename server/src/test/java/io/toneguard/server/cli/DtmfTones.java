package io.toneguard.server.cli;

import io.toneguard.media.wav.WavAudio;
import io.toneguard.media.wav.WavEncoding;
import io.toneguard.media.wav.WavWriter;
import java.io.IOException;
import java.nio.file.Path;

/** A small DTMF generator for the command tests: 8 kHz audio of keys, each two sines (ITU-T Q.23). */
final class DtmfTones {
    static final int RATE = 8000;
    /** Peak amplitude of a 0 dBm0 sine in 16-bit linear (G.711 full scale is +3.17 dBm0). */
    static final double DBM0_PEAK = 32768 * Math.pow(10, -3.17 / 20);
    static final String KEYPAD = "123A456B789C*0#D";
    static final double[] LOW_HZ = {697, 770, 852, 941};
    static final double[] HIGH_HZ = {1209, 1336, 1477, 1633};

    static final double TONE_MS = 60;
    static final double GAP_MS = 60;
    static final double LEAD_MS = 100;

    private DtmfTones() {
    }

    static int samples(double ms) {
        return (int) Math.round(ms * RATE / 1000);
    }

    /** 100 ms of silence, then each key for 60 ms at -10 dBm0 per tone followed by 60 ms of silence, then 100 ms. */
    static short[] keys(String keys) {
        return keys(keys, TONE_MS, GAP_MS, -10);
    }

    static short[] keys(String keys, double toneMs, double gapMs, double dbm0) {
        int tone = samples(toneMs);
        int step = tone + samples(gapMs);
        int lead = samples(LEAD_MS);
        double[] x = new double[lead + keys.length() * step + lead];
        double amplitude = DBM0_PEAK * Math.pow(10, dbm0 / 20);
        for (int k = 0; k < keys.length(); k++) {
            int at = KEYPAD.indexOf(keys.charAt(k));
            if (at < 0) {
                throw new IllegalArgumentException("not a DTMF key at index " + k);
            }
            double wLow = 2 * Math.PI * LOW_HZ[at / 4] / RATE;
            double wHigh = 2 * Math.PI * HIGH_HZ[at % 4] / RATE;
            int start = lead + k * step;
            for (int i = 0; i < tone; i++) {
                x[start + i] = amplitude * (Math.sin(wLow * i) + Math.sin(wHigh * i));
            }
        }
        return toShorts(x);
    }

    /** A steady 300 Hz sine at -20 dBm0 (a stand-in for a voice under the keys), added to {@code audio}. */
    static short[] withHum(short[] audio) {
        double[] x = new double[audio.length];
        double amplitude = DBM0_PEAK * Math.pow(10, -20 / 20.0);
        for (int i = 0; i < x.length; i++) {
            x[i] = audio[i] + amplitude * Math.sin(2 * Math.PI * 300 * i / RATE);
        }
        return toShorts(x);
    }

    private static short[] toShorts(double[] x) {
        short[] s = new short[x.length];
        for (int i = 0; i < x.length; i++) {
            s[i] = (short) Math.max(-32768, Math.min(32767, Math.round(x[i])));
        }
        return s;
    }

    static Path write(Path file, WavEncoding encoding, short[] samples) throws IOException {
        WavWriter.write(file, new WavAudio(encoding, RATE, samples));
        return file;
    }
}
