package io.toneguard.harness.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.dtmf.DtmfDigit;
import io.toneguard.media.g711.G711Codec;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtpCaptureTest {
    private static final int PORT = 35900;

    private static byte[] rtp(int pt, int seq, long ts, long ssrc, byte[] payload) {
        byte[] b = new byte[12 + payload.length];
        b[0] = (byte) 0x80;
        b[1] = (byte) pt;
        b[2] = (byte) (seq >> 8);
        b[3] = (byte) seq;
        for (int i = 0; i < 4; i++) {
            b[4 + i] = (byte) (ts >> (24 - 8 * i));
            b[8 + i] = (byte) (ssrc >> (24 - 8 * i));
        }
        System.arraycopy(payload, 0, b, 12, payload.length);
        return b;
    }

    private static byte[] frame(G711Codec codec, short value) {
        byte[] p = new byte[160];
        java.util.Arrays.fill(p, codec.encode(value));
        return p;
    }

    @Test
    void collectsDecodesInSequenceOrderAndFindsGaps() throws Exception {
        try (RtpCapture capture = RtpCapture.open(PORT); DatagramSocket s = new DatagramSocket()) {
            InetSocketAddress to = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), PORT);
            // sequence 65534, 65535, 0 (sent out of order), then PCMA 1, an event, and junk
            int[] order = {65534, 0, 65535};
            short[] values = {100, 300, 200};
            for (int i = 0; i < order.length; i++) {
                byte[] b = rtp(0, order[i], 160L * i, 7, frame(G711Codec.MU_LAW, values[i]));
                s.send(new DatagramPacket(b, b.length, to));
            }
            byte[] a = rtp(8, 1, 480, 7, frame(G711Codec.A_LAW, (short) 400));
            s.send(new DatagramPacket(a, a.length, to));
            byte[] ev = rtp(101, 2, 640, 7, new byte[] {(byte) DtmfDigit.D7.event(), 10, 0, (byte) 160});
            s.send(new DatagramPacket(ev, ev.length, to));
            s.send(new DatagramPacket(ev, ev.length, to)); // a duplicate
            byte[] junk = {1, 2, 3};
            s.send(new DatagramPacket(junk, junk.length, to));
            assertTrue(capture.awaitQuiet(6, Duration.ofMillis(200), Duration.ofSeconds(5)));
            assertEquals(6, capture.packets().size());
            assertEquals(1, capture.malformed());
            assertEquals(3, capture.count(0));
            assertEquals(1, capture.count(8));
            assertEquals(2, capture.count(101));
            short[] audio = capture.audio();
            assertEquals(4 * 160, audio.length);
            short[] firsts = {audio[0], audio[160], audio[320], audio[480]};
            assertArrayEquals(new short[] {
                G711Codec.MU_LAW.decode(G711Codec.MU_LAW.encode((short) 100)),
                G711Codec.MU_LAW.decode(G711Codec.MU_LAW.encode((short) 200)),
                G711Codec.MU_LAW.decode(G711Codec.MU_LAW.encode((short) 300)),
                G711Codec.A_LAW.decode(G711Codec.A_LAW.encode((short) 400))}, firsts, "sequence order across the wrap");
            assertTrue(capture.isSequenceContinuous());
            assertEquals(List.of(DtmfDigit.D7), capture.telephoneEvents(101));

            byte[] late = rtp(0, 5, 800, 7, frame(G711Codec.MU_LAW, (short) 0));
            s.send(new DatagramPacket(late, late.length, to));
            assertTrue(capture.awaitPackets(7, Duration.ofSeconds(5)));
            assertEquals(2, capture.sequenceGaps());
            assertFalse(capture.isSequenceContinuous());
        }
    }
}
