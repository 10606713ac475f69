package io.toneguard.sip.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A scripted SIP peer on loopback for B2BUA tests: raw messages over UDP, or over TLS as a client
 * (a caller connecting to ToneGuard) or a server (an agent ToneGuard connects to). It reads whole
 * messages, answers OPTIONS-free scripts, and builds the few requests and responses a call needs.
 */
public final class RawSipPeer implements AutoCloseable {
    private static final AtomicInteger N = new AtomicInteger();

    private final String transport;
    private final int port;
    private final DatagramSocket udp;
    private final InetSocketAddress udpRemote;
    private final SSLServerSocket tlsServer;
    private volatile Socket stream;
    private final BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
    private volatile Exception failure;

    private RawSipPeer(String transport, int port, DatagramSocket udp, InetSocketAddress udpRemote,
            SSLServerSocket tlsServer, Socket stream) {
        this.transport = transport;
        this.port = port;
        this.udp = udp;
        this.udpRemote = udpRemote;
        this.tlsServer = tlsServer;
        this.stream = stream;
        if (stream != null) {
            startReader(stream);
        }
        if (tlsServer != null) {
            Thread t = new Thread(this::accept, "sip-peer-accept");
            t.setDaemon(true);
            t.start();
        }
    }

    /** A UDP peer on an ephemeral port that sends to {@code remote}. */
    public static RawSipPeer udp(InetSocketAddress remote) {
        return udp(remote, 0);
    }

    /** A UDP peer on {@code localPort} that sends to {@code remote}. */
    public static RawSipPeer udp(InetSocketAddress remote, int localPort) {
        try {
            DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), localPort));
            return new RawSipPeer("UDP", s.getLocalPort(), s, remote, null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A TLS client connected to {@code remote} (the handshake runs now, so a refused certificate throws). */
    public static RawSipPeer tlsClient(SSLContext context, InetSocketAddress remote) throws IOException {
        SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket();
        s.connect(remote, 3000);
        s.setSoTimeout(5000);
        s.startHandshake();
        s.setSoTimeout(0);
        return new RawSipPeer("TLS", s.getLocalPort(), null, null, null, s);
    }

    /** A TLS server (an agent's phone or PBX) that ToneGuard connects to. */
    public static RawSipPeer tlsServer(SSLContext context, boolean needClientAuth) {
        try {
            SSLServerSocket s = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 5,
                    InetAddress.getLoopbackAddress());
            s.setNeedClientAuth(needClientAuth);
            return new RawSipPeer("TLS", s.getLocalPort(), null, null, s, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** "UDP" or "TLS", as in a Via header. */
    public String transport() {
        return transport;
    }

    /** Why the TLS connection failed, if it did. */
    public Exception failure() {
        return failure;
    }

    /** The negotiated TLS protocol of the connection (null before one exists). */
    public String tlsProtocol() {
        return stream instanceof SSLSocket s ? s.getSession().getProtocol() : null;
    }

    public String tlsCipherSuite() {
        return stream instanceof SSLSocket s ? s.getSession().getCipherSuite() : null;
    }

    private void accept() {
        try {
            Socket s = tlsServer.accept();
            ((SSLSocket) s).startHandshake();
            stream = s;
            startReader(s);
        } catch (IOException e) {
            failure = e;
        }
    }

    private void startReader(Socket s) {
        Thread t = new Thread(() -> read(s), "sip-peer-read");
        t.setDaemon(true);
        t.start();
    }

    private void read(Socket s) {
        try (InputStream in = s.getInputStream()) {
            while (true) {
                ByteArrayOutputStream head = new ByteArrayOutputStream();
                int matched = 0;
                while (matched < 4) {
                    int c = in.read();
                    if (c < 0) {
                        return;
                    }
                    if (head.size() == 0 && (c == '\r' || c == '\n')) {
                        continue; // keep-alive CRLFs
                    }
                    head.write(c);
                    matched = (c == "\r\n\r\n".charAt(matched)) ? matched + 1 : (c == '\r' ? 1 : 0);
                }
                String h = head.toString(StandardCharsets.UTF_8);
                Matcher m = Pattern.compile("(?im)^(?:Content-Length|l)\\s*:\\s*(\\d+)").matcher(h);
                int length = m.find() ? Integer.parseInt(m.group(1)) : 0;
                byte[] body = in.readNBytes(length);
                inbox.add(h + new String(body, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
    }

    /** Sends one message. */
    public void send(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        try {
            if (udp != null) {
                udp.send(new DatagramPacket(bytes, bytes.length, udpRemote));
            } else {
                Socket s = stream;
                if (s == null) {
                    throw new IllegalStateException("no TLS connection yet");
                }
                OutputStream out = s.getOutputStream();
                synchronized (this) {
                    out.write(bytes);
                    out.flush();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next message, or null within {@code timeoutMillis}. */
    public String receive(int timeoutMillis) {
        try {
            if (udp != null) {
                udp.setSoTimeout(timeoutMillis);
                byte[] buf = new byte[65536];
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                udp.receive(p);
                return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
            }
            return inbox.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The next message whose first line starts with {@code prefix} (others, e.g. 100 Trying, are skipped). */
    public String await(String prefix, int timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            String m = receive((int) Math.max(1, deadline - System.currentTimeMillis()));
            if (m != null && m.startsWith(prefix)) {
                return m;
            }
        }
        return null;
    }

    /** The next final response (200-699) for {@code cseq method}; provisional and stale responses are skipped. */
    public String awaitFinal(int cseq, String method, int timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            String m = receive((int) Math.max(1, deadline - System.currentTimeMillis()));
            if (m != null && m.startsWith("SIP/2.0 ") && !m.startsWith("SIP/2.0 1")
                    && (cseq + " " + method).equals(header(m, "CSeq"))) {
                return m;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ message helpers

    /** A header's value (first occurrence), or null. */
    public static String header(String message, String name) {
        for (String line : message.split("\r\n")) {
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    /** The body after the blank line. */
    public static String body(String message) {
        int i = message.indexOf("\r\n\r\n");
        return i < 0 ? "" : message.substring(i + 4);
    }

    /** The tag parameter of a From/To value. */
    public static String tag(String fromOrTo) {
        Matcher m = Pattern.compile(";tag=([^;>\\s]+)").matcher(fromOrTo);
        return m.find() ? m.group(1) : null;
    }

    /** A response to {@code request}: its Via, From, Call-ID and CSeq, our To tag, our Contact, an optional SDP body. */
    public String response(String request, int code, String reason, String toTag, String sdp) {
        StringBuilder b = new StringBuilder("SIP/2.0 ").append(code).append(' ').append(reason).append("\r\n");
        for (String line : request.split("\r\n")) {
            if (line.isEmpty()) {
                break;
            }
            String lower = line.toLowerCase();
            if (lower.startsWith("via:") || lower.startsWith("v:") || lower.startsWith("from:") || lower.startsWith("f:")
                    || lower.startsWith("call-id:") || lower.startsWith("i:") || lower.startsWith("cseq:")) {
                b.append(line).append("\r\n");
            } else if (lower.startsWith("to:") || lower.startsWith("t:")) {
                b.append(line).append(tag(line) == null && toTag != null ? ";tag=" + toTag : "").append("\r\n");
            }
        }
        b.append("Contact: <sip:peer@127.0.0.1:").append(port).append(transportParam()).append(">\r\n");
        return withBody(b, sdp);
    }

    /** An INVITE (or other out-of-dialog request) to {@code requestUri}. */
    public String request(String method, String requestUri, String callId, String fromTag, String toHeaderExtra, int cseq,
            String sdp) {
        StringBuilder b = new StringBuilder(method).append(' ').append(requestUri).append(" SIP/2.0\r\n");
        b.append("Via: SIP/2.0/").append(transport).append(" 127.0.0.1:").append(port).append(";branch=z9hG4bK-raw-")
                .append(N.incrementAndGet()).append(";rport\r\n");
        b.append("Max-Forwards: 70\r\n");
        b.append("From: <sip:caller@127.0.0.1>;tag=").append(fromTag).append("\r\n");
        b.append("To: <").append(requestUri).append('>').append(toHeaderExtra == null ? "" : toHeaderExtra).append("\r\n");
        b.append("Call-ID: ").append(callId).append("\r\n");
        b.append("CSeq: ").append(cseq).append(' ').append(method).append("\r\n");
        b.append("Contact: <sip:caller@127.0.0.1:").append(port).append(transportParam()).append(">\r\n");
        return withBody(b, sdp);
    }

    private String transportParam() {
        return transport.equals("UDP") ? "" : ";transport=" + transport.toLowerCase();
    }

    private static String withBody(StringBuilder b, String sdp) {
        String body = sdp == null ? "" : sdp;
        if (sdp != null) {
            b.append("Content-Type: application/sdp\r\n");
        }
        b.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n\r\n").append(body);
        return b.toString();
    }

    @Override
    public void close() {
        try {
            if (udp != null) {
                udp.close();
            }
            if (stream != null) {
                stream.close();
            }
            if (tlsServer != null) {
                tlsServer.close();
            }
        } catch (IOException e) {
            // closing a test peer
        }
    }
}
