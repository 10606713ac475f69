package io.toneguard.harness.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.dtmf.DtmfDigit;
import io.toneguard.harness.rtp.RtpPcapWriter.AudioDuringEvents;
import io.toneguard.harness.rtp.RtpPcapWriter.KeyPress;
import io.toneguard.harness.rtp.RtpPcapWriter.Options;
import io.toneguard.media.g711.G711Codec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RtpPcapWriterTest {
    @TempDir
    Path dir;

    /** One pcap record read back: time, and the RTP packet inside Ethernet/IPv4/UDP. */
    record Rec(long micros, int udpSrc, int udpDst, int udpChecksum, int pt, boolean marker, int seq, long ts, long ssrc,
               byte[] payload) {
        int event() {
            return payload[0] & 0xFF;
        }

        boolean end() {
            return (payload[1] & 0x80) != 0;
        }

        int duration() {
            return ((payload[2] & 0xFF) << 8) | (payload[3] & 0xFF);
        }
    }

    /** A tiny pcap reader: checks the global header and every frame's framing. */
    static List<Rec> read(Path file) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xa1b2c3d4, b.getInt(), "magic");
        assertEquals(2, b.getShort());
        assertEquals(4, b.getShort());
        b.getInt();
        b.getInt();
        assertEquals(65535, b.getInt(), "snaplen");
        assertEquals(1, b.getInt(), "link type Ethernet");
        List<Rec> out = new ArrayList<>();
        while (b.hasRemaining()) {
            long sec = b.getInt() & 0xFFFFFFFFL;
            long usec = b.getInt();
            int caplen = b.getInt();
            assertEquals(caplen, b.getInt(), "orig len");
            byte[] frame = new byte[caplen];
            b.get(frame);
            ByteBuffer f = ByteBuffer.wrap(frame); // network order
            f.position(12);
            assertEquals(0x0800, f.getShort() & 0xFFFF, "ethertype IPv4");
            assertEquals(0x45, f.get() & 0xFF);
            f.get();
            assertEquals(caplen - 14, f.getShort() & 0xFFFF, "IP total length");
            f.position(14 + 9);
            assertEquals(17, f.get(), "UDP");
            assertEquals(0, ipChecksum(frame), "IPv4 header checksum verifies");
            f.position(34);
            int src = f.getShort() & 0xFFFF;
            int dst = f.getShort() & 0xFFFF;
            assertEquals(caplen - 34, f.getShort() & 0xFFFF, "UDP length");
            int sum = f.getShort() & 0xFFFF;
            int v = f.get() & 0xFF;
            assertEquals(0x80, v & 0xC0, "RTP version 2");
            int m = f.get() & 0xFF;
            int seq = f.getShort() & 0xFFFF;
            long ts = f.getInt() & 0xFFFFFFFFL;
            long ssrc = f.getInt() & 0xFFFFFFFFL;
            byte[] payload = new byte[f.remaining()];
            f.get(payload);
            out.add(new Rec(sec * 1_000_000 + usec, src, dst, sum, m & 0x7F, (m & 0x80) != 0, seq, ts, ssrc, payload));
        }
        return out;
    }

    private static int ipChecksum(byte[] frame) {
        long s = 0;
        for (int i = 14; i < 34; i += 2) {
            s += ((frame[i] & 0xFF) << 8) | (frame[i + 1] & 0xFF);
        }
        while ((s >> 16) != 0) {
            s = (s & 0xFFFF) + (s >> 16);
        }
        return (int) (~s & 0xFFFF);
    }

    private static short[] ramp(int n) {
        short[] pcm = new short[n];
        for (int i = 0; i < n; i++) {
            pcm[i] = (short) (Math.sin(i * 0.05) * 8000);
        }
        return pcm;
    }

    @Test
    void audioOnlyIsTwentyMillisecondPacketsInRealTime() throws Exception {
        short[] pcm = ramp(8000 - 40); // 49.75 frames: the last one is padded
        RtpPcapWriter.Summary s = RtpPcapWriter.write(dir.resolve("a.pcap"), pcm, Options.DEFAULT.withCodec(G711Codec.A_LAW));
        assertEquals(50, s.audioPackets());
        assertEquals(0, s.eventPackets());
        assertEquals(1000, s.durationMillis());
        List<Rec> recs = read(s.file());
        assertEquals(50, recs.size());
        for (int i = 0; i < recs.size(); i++) {
            Rec r = recs.get(i);
            assertEquals(8, r.pt());
            assertEquals(i == 0, r.marker());
            assertEquals((Options.DEFAULT.firstSequence() + i) & 0xFFFF, r.seq());
            assertEquals(Options.DEFAULT.firstTimestamp() + 160L * i, r.ts());
            assertEquals(Options.DEFAULT.ssrc(), r.ssrc());
            assertEquals(Options.DEFAULT.startEpochMicros() + 20_000L * i, r.micros());
            assertEquals(160, r.payload().length);
            assertEquals(6000, r.udpSrc());
            assertEquals(6002, r.udpDst());
            assertTrue(r.udpChecksum() != 0);
        }
        short[] decoded = new short[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            decoded[i] = G711Codec.A_LAW.decode(recs.get(i / 160).payload()[i % 160]);
        }
        short[] expected = new short[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            expected[i] = G711Codec.A_LAW.decode(G711Codec.A_LAW.encode(pcm[i]));
        }
        assertArrayEquals(expected, decoded);
        assertEquals(G711Codec.A_LAW.silence(), recs.get(49).payload()[159], "padding is silence");
    }

    @Test
    void eventsAlongsideAudio() throws Exception {
        short[] pcm = new short[8000];
        List<KeyPress> keys = List.of(new KeyPress(DtmfDigit.D4, 100, 100), new KeyPress(DtmfDigit.HASH, 500, 50));
        RtpPcapWriter.Summary s = RtpPcapWriter.write(dir.resolve("e.pcap"), pcm, keys, Options.DEFAULT);
        List<Rec> recs = read(s.file());
        assertEquals(50, s.audioPackets());
        // 100 ms = 800 units: 5 packets' worth, four updates then three end packets; 50 ms = 400: 3 -> 2 + 3
        assertEquals(4 + 3 + 2 + 3, s.eventPackets());
        assertEquals(s.packets(), recs.size());
        for (int i = 0; i < recs.size(); i++) {
            assertEquals((Options.DEFAULT.firstSequence() + i) & 0xFFFF, recs.get(i).seq(), "one sequence space");
            if (i > 0) {
                assertTrue(recs.get(i).micros() >= recs.get(i - 1).micros(), "pcap time never goes back");
            }
        }
        List<Rec> first = recs.stream().filter(r -> r.pt() == 101 && r.event() == DtmfDigit.D4.event()).toList();
        assertEquals(7, first.size());
        long ts = Options.DEFAULT.firstTimestamp() + 5 * 160;
        int[] durations = {160, 320, 480, 640, 800, 800, 800};
        for (int i = 0; i < first.size(); i++) {
            Rec r = first.get(i);
            assertEquals(ts, r.ts(), "all packets of an event carry its start timestamp");
            assertEquals(i == 0, r.marker(), "marker on the start packet only");
            assertEquals(i >= 4, r.end());
            assertEquals(durations[i], r.duration());
            assertEquals(10, r.payload()[1] & 0x3F, "volume");
            assertEquals(Options.DEFAULT.startEpochMicros() + (5 + i) * 20_000L, r.micros(), "20 ms apart");
        }
        List<Rec> second = recs.stream().filter(r -> r.pt() == 101 && r.event() == DtmfDigit.HASH.event()).toList();
        assertEquals(5, second.size());
        assertEquals(Options.DEFAULT.firstTimestamp() + 25 * 160, second.get(0).ts());
        assertEquals(50, recs.stream().filter(r -> r.pt() == 0).count(), "audio goes on during events");
    }

    @Test
    void audioPausesDuringEvents() throws Exception {
        short[] pcm = new short[8000];
        RtpPcapWriter.Summary s = RtpPcapWriter.write(dir.resolve("p.pcap"), pcm,
                List.of(new KeyPress(DtmfDigit.D9, 200, 60)),
                Options.DEFAULT.withAudioDuringEvents(AudioDuringEvents.PAUSE).withEventPayloadType(96).withFirstSequence(65534));
        List<Rec> recs = read(s.file());
        // 60 ms = 480 units: 2 updates, 3 end packets, in slots 10..14; audio skips those five slots
        assertEquals(5, s.eventPackets());
        assertEquals(45, s.audioPackets());
        for (Rec r : recs) {
            long slot = (r.micros() - Options.DEFAULT.startEpochMicros()) / 20_000;
            if (r.pt() == 0) {
                assertFalse(slot >= 10 && slot <= 14, "no audio while the event is sent");
                assertEquals(Options.DEFAULT.firstTimestamp() + slot * 160, r.ts(), "audio timestamps follow the clock");
            } else {
                assertEquals(96, r.pt());
            }
        }
        assertEquals(65534, recs.get(0).seq());
        assertEquals(0, recs.get(2).seq(), "sequence wraps");
    }

    @Test
    void eventsPastTheAudioExtendTheStream() throws Exception {
        RtpPcapWriter.Summary s = RtpPcapWriter.write(dir.resolve("x.pcap"), new short[160],
                List.of(new KeyPress(DtmfDigit.D1, 40, 20)), Options.DEFAULT);
        // event in slot 2 (one packet's worth: start with marker and E, then two more end packets)
        assertEquals(3, s.eventPackets());
        assertEquals(5, s.audioPackets());
        assertEquals(100, s.durationMillis());
        Rec start = read(s.file()).stream().filter(r -> r.pt() == 101).findFirst().orElseThrow();
        assertTrue(start.marker() && start.end());
    }
}
