package io.toneguard.sip;

import gov.nist.core.net.NetworkLayer;
import gov.nist.javax.sip.SipStackImpl;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * jain-sip's sockets, with TLS from ToneGuard's {@link SipTls} instead of keystore files named in
 * system properties: jain-sip instantiates this class by name, so the stack finds its TLS settings
 * by stack name ({@link #register}). Plain sockets are the JDK's.
 */
public final class TlsNetworkLayer implements NetworkLayer {
    private static final Map<String, SipTls> BY_STACK = new ConcurrentHashMap<>();
    private static final int CONNECT_TIMEOUT_MILLIS = 8000;

    private volatile SipTls tls;

    /** For jain-sip's reflection. */
    public TlsNetworkLayer() {
    }

    /** Makes {@code tls} the settings of the stack named {@code stackName} (before it is created). */
    static void register(String stackName, SipTls tls) {
        BY_STACK.put(stackName, tls);
    }

    static void unregister(String stackName) {
        BY_STACK.remove(stackName);
    }

    @Override
    public void setSipStack(SipStackImpl stack) {
        this.tls = BY_STACK.get(stack.getStackName());
    }

    private SipTls tls() throws IOException {
        SipTls t = tls;
        if (t == null) {
            throw new IOException("SIP over TLS is not configured");
        }
        return t;
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return new ServerSocket(port, backlog, bindAddress);
    }

    @Override
    public SSLServerSocket createSSLServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        SipTls t = tls();
        SSLServerSocket s = (SSLServerSocket) t.context().getServerSocketFactory().createServerSocket(port, backlog, bindAddress);
        s.setSSLParameters(t.parameters(true));
        return s;
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        return new Socket(address, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress myAddress) throws IOException {
        return myAddress == null ? new Socket(address, port) : new Socket(address, port, myAddress, 0);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress myAddress, int myPort) throws IOException {
        if (myAddress == null) {
            return new Socket(address, port);
        }
        Socket s = new Socket();
        s.bind(new InetSocketAddress(myAddress, myPort));
        s.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MILLIS);
        return s;
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port) throws IOException {
        return createSSLSocket(address, port, null);
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port, InetAddress myAddress) throws IOException {
        SipTls t = tls();
        SSLSocket s = (SSLSocket) t.context().getSocketFactory().createSocket();
        s.setSSLParameters(t.parameters(false));
        if (myAddress != null) {
            s.bind(new InetSocketAddress(myAddress, 0));
        }
        s.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MILLIS);
        return s;
    }

    @Override
    public DatagramSocket createDatagramSocket() throws SocketException {
        return new DatagramSocket();
    }

    @Override
    public DatagramSocket createDatagramSocket(int port, InetAddress bindAddress) throws SocketException {
        return new DatagramSocket(port, bindAddress);
    }
}
