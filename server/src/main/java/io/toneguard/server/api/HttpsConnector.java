package io.toneguard.server.api;

import io.toneguard.sip.SipTls;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** The agent API's HTTPS connector: Jetty's SslContextFactory over our TLS context, TLS 1.3/1.2 and modern suites only. */
final class HttpsConnector {
    private HttpsConnector() {
    }

    static Connector create(Server server, HttpConfiguration http, SSLContext tls, String host, int port) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setSslContext(tls);
        ssl.setIncludeProtocols(SipTls.PROTOCOLS.toArray(String[]::new));
        ssl.setIncludeCipherSuites(SipTls.CIPHER_SUITES.toArray(String[]::new));
        ssl.setUseCipherSuitesOrder(true);
        HttpConfiguration https = new HttpConfiguration(http);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false); // agents may reach us by IP address
        https.addCustomizer(secure);
        ServerConnector c = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
        c.setHost(host);
        c.setPort(port);
        return c;
    }
}
