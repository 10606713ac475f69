package io.toneguard.harness.rtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.toneguard.dtmf.DtmfDigit;
import io.toneguard.media.g711.G711Codec;
import io.toneguard.media.rfc4733.Rfc4733Payload;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Writes one RTP stream as a classic libpcap file (magic {@code 0xa1b2c3d4}, little-endian, link type
 * 1 Ethernet, IPv4, UDP) that sipp's {@code play_pcap_audio} replays in real time.
 *
 * <p>Audio is cut into 20 ms G.711 packets (160 samples, PT 0 or 8). Each {@link KeyPress} may add
 * RFC 4733 telephone-event packets: a start packet with the marker bit, an update every 20 ms with a
 * growing duration, then the final duration three times with the E bit, 20 ms apart (RFC 4733
 * §2.5.1.4). Audio packets either go on during events (a gateway sending both) or pause while event
 * packets are sent. Sequence numbers run on across all packets of the one SSRC; RTP timestamps follow
 * the sampling clock; pcap timestamps are 20 ms apart per frame, so sipp plays in real time.
 *
 * <p>sipp 3.6 accepts link types Ethernet and Linux cooked capture only ("Unsupported link-type" for raw
 * IP), rewrites the UDP ports (keeping offsets from the lowest destination port) and recomputes the UDP
 * checksum; addresses and ports written here are placeholders, and checksums are written correctly anyway.
 */
public final class RtpPcapWriter {
    /** Samples per 20 ms packet at 8 kHz. */
    public static final int FRAME_SAMPLES = 160;
    /** Milliseconds per packet. */
    public static final int FRAME_MILLIS = 20;
    /** pcap link type Ethernet (DLT_EN10MB). */
    public static final int LINKTYPE_ETHERNET = 1;

    private static final int ETHERNET_HEADER = 14;
    private static final int IPV4_HEADER = 20;
    private static final int UDP_HEADER = 8;
    private static final int RTP_HEADER = 12;
    private static final int END_PACKETS = 3;

    private RtpPcapWriter() {
    }

    /** What the caller would do to audio while a telephone-event is being sent. */
    public enum AudioDuringEvents {
        /** Audio packets go on alongside the events (a gateway sending both, e.g. tones and events). */
        CONTINUE,
        /** No audio packet is sent in a 20 ms slot that carries an event packet. */
        PAUSE
    }

    /**
     * One key press sent as telephone-events.
     *
     * @param digit the key
     * @param atMillis start, from the beginning of the stream; rounded down to a 20 ms packet boundary
     * @param durationMillis how long the key is down (at least one packet)
     */
    public record KeyPress(DtmfDigit digit, double atMillis, double durationMillis) {
        public KeyPress {
            Objects.requireNonNull(digit, "digit");
            if (atMillis < 0 || durationMillis <= 0) {
                throw new IllegalArgumentException("key press needs atMillis >= 0 and durationMillis > 0");
            }
        }

        @Override
        public String toString() {
            return "KeyPress[at " + atMillis + " ms, " + durationMillis + " ms]";
        }
    }

    /**
     * Stream settings; start from {@link #DEFAULT} and change what matters.
     *
     * @param codec G.711 law of the audio packets (PT 0 or 8)
     * @param eventPayloadType dynamic payload type of telephone-events
     * @param audioDuringEvents whether audio goes on while events are sent
     * @param ssrc the stream's SSRC
     * @param firstSequence sequence number of the first packet
     * @param firstTimestamp RTP timestamp of the first audio frame
     * @param eventVolume the events' volume field (tone level {@code -volume} dBm0)
     * @param source IPv4 source address and UDP port written in the packets
     * @param destination IPv4 destination address and UDP port written in the packets
     * @param startEpochMicros pcap time of the first packet
     */
    public record Options(G711Codec codec, int eventPayloadType, AudioDuringEvents audioDuringEvents, long ssrc,
                          int firstSequence, long firstTimestamp, int eventVolume,
                          String sourceAddress, int sourcePort, String destinationAddress, int destinationPort,
                          long startEpochMicros, double eventOffsetMillis) {
        /**
         * PCMU, events on PT 101 with audio going on and at the same instants as the key presses, SSRC
         * 0x1234abcd, 127.0.0.1:6000 to 127.0.0.1:6002.
         */
        public static final Options DEFAULT = new Options(G711Codec.MU_LAW, 101, AudioDuringEvents.CONTINUE,
                0x1234abcdL, 1000, 160_000L, 10, "127.0.0.1", 6000, "127.0.0.1", 6002, 1_700_000_000_000_000L, 0);

        public Options {
            Objects.requireNonNull(codec, "codec");
            Objects.requireNonNull(audioDuringEvents, "audioDuringEvents");
            if (eventPayloadType < 0 || eventPayloadType > 127) {
                throw new IllegalArgumentException("eventPayloadType must be 0-127");
            }
            if ((ssrc & ~0xFFFFFFFFL) != 0 || (firstTimestamp & ~0xFFFFFFFFL) != 0) {
                throw new IllegalArgumentException("ssrc and firstTimestamp are unsigned 32-bit");
            }
            if ((firstSequence & ~0xFFFF) != 0 || (sourcePort & ~0xFFFF) != 0 || (destinationPort & ~0xFFFF) != 0) {
                throw new IllegalArgumentException("sequence and ports are unsigned 16-bit");
            }
            if (eventVolume < 0 || eventVolume > Rfc4733Payload.MAX_VOLUME) {
                throw new IllegalArgumentException("eventVolume must be 0-63");
            }
            ipv4(sourceAddress);
            ipv4(destinationAddress);
            if (!(Math.abs(eventOffsetMillis) <= 1000)) {
                throw new IllegalArgumentException("eventOffsetMillis must be within +-1000");
            }
            if (eventOffsetMillis != 0 && audioDuringEvents == AudioDuringEvents.PAUSE) {
                throw new IllegalArgumentException("events take the audio's place: they cannot be offset from it");
            }
        }

        /**
         * Telephone-events {@code millis} later than the key presses (negative: earlier), in both their
         * sending times and their RTP timestamps: a gateway whose event generator runs ahead of or behind
         * the audio it passes on.
         */
        public Options withEventOffsetMillis(double millis) {
            return new Options(codec, eventPayloadType, audioDuringEvents, ssrc, firstSequence, firstTimestamp, eventVolume,
                    sourceAddress, sourcePort, destinationAddress, destinationPort, startEpochMicros, millis);
        }

        public Options withCodec(G711Codec c) {
            return new Options(c, eventPayloadType, audioDuringEvents, ssrc, firstSequence, firstTimestamp, eventVolume,
                    sourceAddress, sourcePort, destinationAddress, destinationPort, startEpochMicros, eventOffsetMillis);
        }

        public Options withEventPayloadType(int pt) {
            return new Options(codec, pt, audioDuringEvents, ssrc, firstSequence, firstTimestamp, eventVolume,
                    sourceAddress, sourcePort, destinationAddress, destinationPort, startEpochMicros, eventOffsetMillis);
        }

        public Options withAudioDuringEvents(AudioDuringEvents a) {
            return new Options(codec, eventPayloadType, a, ssrc, firstSequence, firstTimestamp, eventVolume,
                    sourceAddress, sourcePort, destinationAddress, destinationPort, startEpochMicros, eventOffsetMillis);
        }

        public Options withSsrc(long s) {
            return new Options(codec, eventPayloadType, audioDuringEvents, s, firstSequence, firstTimestamp, eventVolume,
                    sourceAddress, sourcePort, destinationAddress, destinationPort, startEpochMicros, eventOffsetMillis);
        }

        public Options withFirstSequence(int seq) {
            return new Options(codec, eventPayloadType, audioDuringEvents, ssrc, seq, firstTimestamp, eventVolume,
                    sourceAddress, sourcePort, destinationAddress, destinationPort, startEpochMicros, eventOffsetMillis);
        }

        public Options withFirstTimestamp(long ts) {
            return new Options(codec, eventPayloadType, audioDuringEvents, ssrc, firstSequence, ts, eventVolume,
                    sourceAddress, sourcePort, destinationAddress, destinationPort, startEpochMicros, eventOffsetMillis);
        }

        public Options withEndpoints(String srcAddress, int srcPort, String dstAddress, int dstPort) {
            return new Options(codec, eventPayloadType, audioDuringEvents, ssrc, firstSequence, firstTimestamp, eventVolume,
                    srcAddress, srcPort, dstAddress, dstPort, startEpochMicros, eventOffsetMillis);
        }
    }

    /**
     * What was written.
     *
     * @param audioPackets G.711 packets
     * @param eventPackets telephone-event packets (starts, updates and the three end packets)
     * @param durationMillis time from the first packet to the end of the last one's 20 ms
     */
    public record Summary(Path file, int audioPackets, int eventPackets, long durationMillis) {
        public int packets() {
            return audioPackets + eventPackets;
        }
    }

    /** Writes {@code pcm} (8 kHz, padded with silence to whole packets) with no telephone-events. */
    public static Summary write(Path file, short[] pcm, Options options) throws IOException {
        return write(file, pcm, List.of(), options);
    }

    /**
     * Writes {@code pcm} (8 kHz) as 20 ms packets plus telephone-events for {@code keys}. The stream lasts
     * as long as the audio or until the last event's end packets, whichever is later; missing audio is
     * G.711 silence.
     */
    public static Summary write(Path file, short[] pcm, List<KeyPress> keys, Options options) throws IOException {
        return write(file, packets(pcm, keys, options), options);
    }

    /** Writes packets as {@link #packets} made them (or as an {@link RtpImpairment} left them), in list order. */
    public static Summary write(Path file, List<TimedPacket> packets, Options options) throws IOException {
        int audio = 0;
        int events = 0;
        long end = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(globalHeader());
            for (TimedPacket p : packets) {
                out.write(record(options.startEpochMicros() + p.offsetMicros(), frameOf(p.rtp(), options)));
                if (p.payloadType() == options.eventPayloadType()) {
                    events++;
                } else {
                    audio++;
                }
                end = Math.max(end, p.offsetMicros() / 1000 + FRAME_MILLIS);
            }
        }
        return new Summary(file, audio, events, end);
    }

    /** One RTP packet ready to send, {@code offsetMicros} after the first. */
    public record TimedPacket(long offsetMicros, int payloadType, byte[] rtp) {
    }

    /** The same packets {@link #write} puts in a pcap, in sending order, for a peer of its own to send. */
    public static List<TimedPacket> packets(short[] pcm, List<KeyPress> keys, Options options) {
        List<TimedPacket> out = new ArrayList<>();
        ByteBuf rtp = Unpooled.buffer(RTP_HEADER + FRAME_SAMPLES);
        int sequence = options.firstSequence();
        for (Packet p : plan(pcm, keys, options)) {
            rtp.clear();
            rtp.writeByte(0x80);
            rtp.writeByte((p.marker ? 0x80 : 0) | p.payloadType);
            rtp.writeShort(sequence);
            rtp.writeInt((int) p.timestamp);
            rtp.writeInt((int) options.ssrc());
            rtp.writeBytes(p.payload);
            sequence = (sequence + 1) & 0xFFFF;
            byte[] bytes = new byte[rtp.readableBytes()];
            rtp.getBytes(0, bytes);
            out.add(new TimedPacket(p.micros, p.payloadType, bytes));
        }
        return out;
    }

    /** One packet before numbering: sending time, order within one instant, payload type, marker, RTP timestamp, payload. */
    private record Packet(long micros, int order, int payloadType, boolean marker, long timestamp, byte[] payload) {
    }

    private static List<Packet> plan(short[] pcm, List<KeyPress> keys, Options options) {
        int audioFrames = (pcm.length + FRAME_SAMPLES - 1) / FRAME_SAMPLES;
        List<Packet> packets = new ArrayList<>();
        List<long[]> eventSlots = new ArrayList<>();
        long lastFrame = audioFrames - 1;
        long shiftMicros = Math.round(options.eventOffsetMillis() * 1000);
        long shiftSamples = Math.round(options.eventOffsetMillis() * 8);
        for (KeyPress k : keys) {
            long first = (long) Math.floor(k.atMillis() / FRAME_MILLIS);
            if (first * FRAME_MILLIS * 1000L + shiftMicros < 0) {
                throw new IllegalArgumentException("a key press offset to before the stream's start");
            }
            int duration = Math.max(1, (int) Math.round(k.durationMillis() * 8));
            if (duration > Rfc4733Payload.MAX_DURATION) {
                throw new IllegalArgumentException("key press longer than one RFC 4733 segment (8.19 s)");
            }
            int updates = (duration + FRAME_SAMPLES - 1) / FRAME_SAMPLES; // packets while the key is down
            long timestamp = (options.firstTimestamp() + first * FRAME_SAMPLES + shiftSamples) & 0xFFFFFFFFL;
            // updates: durations 160, 320, ... below the full duration; then the full duration three times with E
            for (int i = 0; i < updates - 1; i++) {
                packets.add(new Packet((first + i) * FRAME_MILLIS * 1000L + shiftMicros, 1, options.eventPayloadType(), i == 0,
                        timestamp, event(k.digit(), false, options.eventVolume(), (i + 1) * FRAME_SAMPLES)));
            }
            for (int i = 0; i < END_PACKETS; i++) {
                long frame = first + updates - 1 + i;
                packets.add(new Packet(frame * FRAME_MILLIS * 1000L + shiftMicros, 1, options.eventPayloadType(),
                        updates == 1 && i == 0, timestamp, event(k.digit(), true, options.eventVolume(), duration)));
            }
            long last = first + updates - 1 + END_PACKETS - 1;
            eventSlots.add(new long[] {first, last});
            lastFrame = Math.max(lastFrame, last + (long) Math.ceil(shiftMicros / (FRAME_MILLIS * 1000.0)));
        }
        G711Codec codec = options.codec();
        short[] frame = new short[FRAME_SAMPLES];
        boolean firstAudio = true;
        for (long f = 0; f <= lastFrame; f++) {
            if (options.audioDuringEvents() == AudioDuringEvents.PAUSE && inEvent(eventSlots, f)) {
                continue;
            }
            int from = (int) Math.min(pcm.length, f * FRAME_SAMPLES);
            int n = Math.max(0, Math.min(FRAME_SAMPLES, pcm.length - from));
            java.util.Arrays.fill(frame, (short) 0);
            System.arraycopy(pcm, from, frame, 0, n);
            byte[] payload = new byte[FRAME_SAMPLES];
            for (int i = 0; i < FRAME_SAMPLES; i++) {
                payload[i] = codec.encode(frame[i]);
            }
            long timestamp = (options.firstTimestamp() + f * FRAME_SAMPLES) & 0xFFFFFFFFL;
            packets.add(new Packet(f * FRAME_MILLIS * 1000L, 0, codec.payloadType(), firstAudio, timestamp, payload));
            firstAudio = false;
        }
        packets.sort(Comparator.comparingLong(Packet::micros).thenComparingInt(Packet::order));
        return packets;
    }

    private static boolean inEvent(List<long[]> slots, long frame) {
        for (long[] s : slots) {
            if (frame >= s[0] && frame <= s[1]) {
                return true;
            }
        }
        return false;
    }

    private static byte[] event(DtmfDigit digit, boolean end, int volume, int duration) {
        ByteBuf b = Unpooled.buffer(Rfc4733Payload.BLOCK_LENGTH);
        Rfc4733Payload.write(b, 0, digit.event(), end, volume, duration);
        byte[] out = new byte[Rfc4733Payload.BLOCK_LENGTH];
        b.getBytes(0, out);
        return out;
    }

    private static byte[] globalHeader() {
        ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b2c3d4); // microsecond timestamps; little-endian on disk
        b.putShort((short) 2).putShort((short) 4);
        b.putInt(0).putInt(0); // thiszone, sigfigs
        b.putInt(65535); // snaplen
        b.putInt(LINKTYPE_ETHERNET);
        return b.array();
    }

    private static byte[] record(long epochMicros, byte[] frame) {
        ByteBuffer b = ByteBuffer.allocate(16 + frame.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt((int) (epochMicros / 1_000_000)).putInt((int) (epochMicros % 1_000_000));
        b.putInt(frame.length).putInt(frame.length);
        b.put(frame);
        return b.array();
    }

    /** Ethernet + IPv4 + UDP around an RTP packet, with correct IPv4 and UDP checksums. */
    private static byte[] frameOf(byte[] rtp, Options o) {
        byte[] src = ipv4(o.sourceAddress());
        byte[] dst = ipv4(o.destinationAddress());
        int udpLength = UDP_HEADER + rtp.length;
        ByteBuffer b = ByteBuffer.allocate(ETHERNET_HEADER + IPV4_HEADER + udpLength); // big-endian
        b.put(new byte[] {0, 0, 0, 0, 0, 2}).put(new byte[] {0, 0, 0, 0, 0, 1}).putShort((short) 0x0800);
        int ip = b.position();
        b.put((byte) 0x45).put((byte) 0).putShort((short) (IPV4_HEADER + udpLength));
        b.putShort((short) 0).putShort((short) 0x4000); // id, don't fragment
        b.put((byte) 64).put((byte) 17).putShort((short) 0);
        b.put(src).put(dst);
        b.putShort(ip + 10, (short) checksum(b.array(), ip, IPV4_HEADER, 0));
        int udp = b.position();
        b.putShort((short) o.sourcePort()).putShort((short) o.destinationPort()).putShort((short) udpLength).putShort((short) 0);
        b.put(rtp);
        long pseudo = sum(src, 0, 4) + sum(dst, 0, 4) + 17 + udpLength;
        int c = checksum(b.array(), udp, udpLength, pseudo);
        b.putShort(udp + 6, (short) (c == 0 ? 0xFFFF : c));
        return b.array();
    }

    private static long sum(byte[] a, int off, int len) {
        long s = 0;
        for (int i = 0; i < len; i += 2) {
            int hi = a[off + i] & 0xFF;
            int lo = i + 1 < len ? a[off + i + 1] & 0xFF : 0;
            s += (hi << 8) | lo;
        }
        return s;
    }

    private static int checksum(byte[] a, int off, int len, long initial) {
        long s = initial + sum(a, off, len);
        while ((s >> 16) != 0) {
            s = (s & 0xFFFF) + (s >> 16);
        }
        return (int) (~s & 0xFFFF);
    }

    private static byte[] ipv4(String address) {
        try {
            InetAddress a = InetAddress.getByName(Objects.requireNonNull(address, "address"));
            if (!(a instanceof Inet4Address)) {
                throw new IllegalArgumentException("not an IPv4 address: " + address);
            }
            return a.getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv4 address: " + address, e);
        }
    }
}
