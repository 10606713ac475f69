package io.toneguard.harness.rtp;

import io.netty.buffer.Unpooled;
import io.toneguard.dtmf.DtmfDigit;
import io.toneguard.media.g711.G711Codec;
import io.toneguard.media.rfc4733.Rfc4733Payload;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A UDP socket on a loopback port that keeps every RTP packet it receives until closed, standing in for
 * the far end of a media leg (e.g. the agent). Datagrams that are not RTP version 2 are counted and
 * dropped. Thread-safe: a daemon thread receives, tests read snapshots.
 */
public final class RtpCapture implements AutoCloseable {

    /**
     * One received packet.
     *
     * @param index arrival order, from 0
     * @param receivedNanos {@link System#nanoTime()} at arrival
     */
    public record Packet(int index, long receivedNanos, InetSocketAddress source, int payloadType, boolean marker,
                         int sequence, long timestamp, long ssrc, byte[] payload) {
        @Override
        public String toString() {
            return "Packet[pt " + payloadType + ", seq " + sequence + ", ts " + timestamp + ", "
                    + payload.length + " bytes]";
        }
    }

    private final DatagramSocket socket;
    private final List<Packet> packets = new ArrayList<>();
    private final Thread receiver;
    private int malformed;

    private RtpCapture(DatagramSocket socket) {
        this.socket = socket;
        this.receiver = new Thread(this::receive, "rtp-capture-" + socket.getLocalPort());
        this.receiver.setDaemon(true);
        this.receiver.start();
    }

    /**
     * Binds {@code 127.0.0.1:port} and starts receiving. The socket asks for a 4 MB receive buffer
     * (the OS caps it at {@code net.core.rmem_max}): one capture may take the media of hundreds of
     * calls, and with the OS default (about 200 KB, some 150 packets) a stall of the receiving thread
     * of a few tens of milliseconds lost packets in load runs.
     */
    public static RtpCapture open(int port) throws SocketException {
        try {
            DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
            socket.setReceiveBufferSize(4 << 20);
            return new RtpCapture(socket);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void receive() {
        byte[] buf = new byte[2048];
        DatagramPacket dp = new DatagramPacket(buf, buf.length);
        while (!socket.isClosed()) {
            try {
                dp.setLength(buf.length);
                socket.receive(dp);
            } catch (IOException e) {
                return; // closed
            }
            long now = System.nanoTime();
            Packet p = parse(buf, dp.getLength(), now, (InetSocketAddress) dp.getSocketAddress());
            synchronized (packets) {
                if (p == null) {
                    malformed++;
                } else {
                    packets.add(new Packet(packets.size(), p.receivedNanos(), p.source(), p.payloadType(), p.marker(),
                            p.sequence(), p.timestamp(), p.ssrc(), p.payload()));
                }
                packets.notifyAll();
            }
        }
    }

    private static Packet parse(byte[] b, int length, long now, InetSocketAddress source) {
        if (length < 12 || (b[0] & 0xC0) != 0x80) {
            return null;
        }
        int csrcs = b[0] & 0x0F;
        int offset = 12 + 4 * csrcs;
        if ((b[0] & 0x10) != 0) { // header extension
            if (length < offset + 4) {
                return null;
            }
            offset += 4 + 4 * (((b[offset + 2] & 0xFF) << 8) | (b[offset + 3] & 0xFF));
        }
        int end = length;
        if ((b[0] & 0x20) != 0 && length > offset) { // padding
            end -= b[length - 1] & 0xFF;
        }
        if (offset > end) {
            return null;
        }
        int seq = ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
        long ts = ((b[4] & 0xFFL) << 24) | ((b[5] & 0xFFL) << 16) | ((b[6] & 0xFFL) << 8) | (b[7] & 0xFFL);
        long ssrc = ((b[8] & 0xFFL) << 24) | ((b[9] & 0xFFL) << 16) | ((b[10] & 0xFFL) << 8) | (b[11] & 0xFFL);
        return new Packet(-1, now, source, b[1] & 0x7F, (b[1] & 0x80) != 0, seq, ts, ssrc,
                Arrays.copyOfRange(b, offset, end));
    }

    /**
     * Sends {@code packets} to {@code to} from this capture's own socket (so the far end's
     * symmetric RTP answers here), each at its offset from now, on a thread of its own.
     *
     * @return the sending thread (join it to wait for the last packet)
     */
    public Thread send(List<RtpPcapWriter.TimedPacket> packets, InetSocketAddress to) {
        Thread t = new Thread(() -> {
            long start = System.nanoTime();
            for (RtpPcapWriter.TimedPacket p : packets) {
                long due = start + p.offsetMicros() * 1000L;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                try {
                    socket.send(new DatagramPacket(p.rtp(), p.rtp().length, to));
                } catch (IOException e) {
                    return; // closed
                }
            }
        }, "rtp-send-" + socket.getLocalPort());
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Everything received so far, in arrival order. */
    public List<Packet> packets() {
        synchronized (packets) {
            return List.copyOf(packets);
        }
    }

    /** Datagrams dropped because they were not RTP. */
    public int malformed() {
        synchronized (packets) {
            return malformed;
        }
    }

    /** Packets received so far with this payload type. */
    public int count(int payloadType) {
        return (int) packets().stream().filter(p -> p.payloadType() == payloadType).count();
    }

    /** Waits until at least {@code n} packets have arrived; false on timeout. */
    public boolean awaitPackets(int n, Duration timeout) throws InterruptedException {
        return awaitQuiet(n, Duration.ZERO, timeout);
    }

    /**
     * Waits until at least {@code n} packets have arrived and then nothing more for {@code quiet} (the
     * stream has ended); false on timeout.
     */
    public boolean awaitQuiet(int n, Duration quiet, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (packets) {
            while (true) {
                long now = System.nanoTime();
                if (packets.size() >= n) {
                    long last = packets.isEmpty() ? now : packets.get(packets.size() - 1).receivedNanos();
                    if (now - last >= quiet.toNanos()) {
                        return true;
                    }
                }
                long left = deadline - now;
                if (left <= 0) {
                    return false;
                }
                long waitNanos = Math.min(left, Math.max(1_000_000L, quiet.toNanos() / 4));
                packets.wait(Math.max(1, waitNanos / 1_000_000));
            }
        }
    }

    /**
     * The G.711 packets (PT 0 and 8) decoded by their payload type and concatenated in sequence order
     * (sequence numbers extended over wrap-around, duplicates dropped). Gaps are not filled.
     */
    public short[] audio() {
        List<Packet> audio = inSequenceOrder(p -> G711Codec.forPayloadType(p.payloadType()) != null);
        int total = audio.stream().mapToInt(p -> p.payload().length).sum();
        short[] out = new short[total];
        int at = 0;
        for (Packet p : audio) {
            G711Codec codec = G711Codec.forPayloadType(p.payloadType());
            for (byte code : p.payload()) {
                out[at++] = codec.decode(code);
            }
        }
        return out;
    }

    /**
     * Packets matching {@code filter} sorted by extended sequence number (arrival order tells which way
     * a 16-bit wrap goes), duplicates of a sequence number dropped.
     */
    public List<Packet> inSequenceOrder(Predicate<Packet> filter) {
        List<Packet> all = packets().stream().filter(filter).toList();
        List<long[]> keyed = new ArrayList<>();
        long extended = -1;
        for (Packet p : all) {
            if (extended < 0) {
                extended = p.sequence();
            } else {
                int delta = (short) (p.sequence() - (int) (extended & 0xFFFF)); // signed 16-bit step
                extended += delta;
            }
            keyed.add(new long[] {extended, p.index()});
        }
        keyed.sort(Comparator.comparingLong(k -> k[0]));
        List<Packet> out = new ArrayList<>();
        long previous = Long.MIN_VALUE;
        for (long[] k : keyed) {
            if (k[0] != previous) {
                out.add(packetAt((int) k[1], all));
                previous = k[0];
            }
        }
        return out;
    }

    private static Packet packetAt(int index, List<Packet> in) {
        for (Packet p : in) {
            if (p.index() == index) {
                return p;
            }
        }
        throw new IllegalStateException("no packet " + index);
    }

    /**
     * Sequence numbers missing between the first and last packet of each SSRC (in sequence order);
     * 0 means the stream is continuous.
     */
    public int sequenceGaps() {
        int gaps = 0;
        Set<Long> ssrcs = new LinkedHashSet<>();
        packets().forEach(p -> ssrcs.add(p.ssrc()));
        for (long ssrc : ssrcs) {
            List<Packet> s = inSequenceOrder(p -> p.ssrc() == ssrc);
            for (int i = 1; i < s.size(); i++) {
                gaps += ((s.get(i).sequence() - s.get(i - 1).sequence()) & 0xFFFF) - 1;
            }
        }
        return gaps;
    }

    /** True when every SSRC's sequence numbers run on without a gap. */
    public boolean isSequenceContinuous() {
        return sequenceGaps() == 0;
    }

    /**
     * The key presses carried by telephone-events of {@code payloadType}, one per (SSRC, timestamp) in
     * order of first arrival; non-DTMF events (e.g. flash) are skipped. Card data: never log the result.
     */
    public List<DtmfDigit> telephoneEvents(int payloadType) {
        List<DtmfDigit> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Packet p : packets()) {
            if (p.payloadType() != payloadType || p.payload().length < Rfc4733Payload.BLOCK_LENGTH) {
                continue;
            }
            if (seen.add(p.ssrc() + "/" + p.timestamp())) {
                DtmfDigit d = DtmfDigit.ofEvent(Rfc4733Payload.event(Unpooled.wrappedBuffer(p.payload()), 0));
                if (d != null) {
                    out.add(d);
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        socket.close();
        try {
            receiver.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
