package io.toneguard.media.dtls;

import io.netty.buffer.ByteBuf;
import io.toneguard.media.pipeline.DropReason;
import io.toneguard.media.pipeline.MediaPipeline;
import io.toneguard.media.pipeline.PacketContext;
import io.toneguard.media.pipeline.SinkStage;
import io.toneguard.media.transport.MediaEndpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * BouncyCastle's view of a media endpoint during DTLS-SRTP: records that the endpoint's
 * {@link DtlsDemuxStage} hands over are queued for the (blocking) handshake thread, and records the
 * handshake sends go out of the endpoint's RTP socket, on its event loop, to where the peer's DTLS
 * came from (or, before anything came, to the latched or signalled RTP peer).
 */
public final class DtlsEndpointTransport implements org.bouncycastle.tls.DatagramTransport {
    /** DTLS records waiting for the handshake; more are dropped (and counted): a handshake needs a few. */
    static final int QUEUE = 64;
    private static final int MTU = 1200; // safe for any path; BC fragments handshake messages to it

    private final MediaEndpoint endpoint;
    private final BlockingQueue<byte[]> inbound = new ArrayBlockingQueue<>(QUEUE);
    private volatile InetSocketAddress peer;
    private volatile boolean closed;
    private long overflow;
    private long sendFailures;

    public DtlsEndpointTransport(MediaEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** Called on the event loop with a DTLS record; copies it (the caller keeps the buffer). */
    void offer(ByteBuf record, InetSocketAddress from) {
        if (closed) {
            return;
        }
        byte[] copy = new byte[record.readableBytes()];
        record.getBytes(record.readerIndex(), copy);
        if (inbound.offer(copy)) {
            peer = from;
        } else {
            overflow++;
        }
    }

    /** The peer address bytes the handshake's cookie binds to, once a record came in. */
    public byte[] peerId() {
        InetSocketAddress p = peer;
        return p == null ? new byte[0] : p.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * The inbound RTP pipeline to install on the endpoint while the handshake runs: DTLS goes to
     * this transport, media is dropped ({@link DropReason#SRTP_NO_KEYS}) until the relay starts
     * with the keys.
     */
    public MediaPipeline handshakePipeline() {
        return MediaPipeline.builder(endpoint.name() + " dtls-handshake")
                .then(new DtlsDemuxStage(this))
                .sink(new SinkStage("await-keys") {
                    @Override
                    protected DropReason consume(PacketContext p) {
                        return DropReason.SRTP_NO_KEYS;
                    }
                });
    }

    /** Records dropped because the handshake did not keep up. */
    public long overflow() {
        return overflow;
    }

    /** Records the endpoint could not send (no destination yet, socket unavailable). */
    public long sendFailures() {
        return sendFailures;
    }

    @Override
    public int getReceiveLimit() {
        return 1500;
    }

    @Override
    public int getSendLimit() {
        return MTU;
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        if (closed) {
            throw new IOException("DTLS transport closed");
        }
        byte[] record;
        try {
            record = inbound.poll(Math.max(waitMillis, 0), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted waiting for DTLS");
        }
        if (record == null) {
            throw new SocketTimeoutException("no DTLS record within " + waitMillis + " ms");
        }
        int n = Math.min(len, record.length);
        System.arraycopy(record, 0, buf, off, n);
        return n;
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("DTLS transport closed");
        }
        ByteBuf out = io.netty.buffer.PooledByteBufAllocator.DEFAULT.buffer(len).writeBytes(buf, off, len);
        endpoint.eventLoop().execute(() -> {
            InetSocketAddress to = peer != null ? peer : endpoint.rtpLatch().destination();
            if (endpoint.sendTo(out, to) == DropReason.NONE) {
                endpoint.flush();
            } else {
                sendFailures++;
                out.release();
            }
        });
    }

    /** Stops the handshake side; records offered afterwards are ignored. Does not close the endpoint. */
    @Override
    public void close() {
        closed = true;
        inbound.clear();
    }
}
