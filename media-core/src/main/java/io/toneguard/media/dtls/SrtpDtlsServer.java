package io.toneguard.media.dtls;

import java.io.IOException;
import java.util.Hashtable;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The {@code a=setup:passive} end: DTLS 1.2 server with an EC-only key, so its cipher suites are
 * ECDHE_ECDSA only (DefaultTlsServer would prefer RSA and fail), requiring a client certificate.
 */
final class SrtpDtlsServer extends DefaultTlsServer {
    private static final int[] SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
    };

    private final SrtpDtlsPeer peer;
    private int selectedProfile = -1;

    SrtpDtlsServer(BcTlsCrypto crypto, SrtpDtlsPeer peer) {
        super(crypto);
        this.peer = peer;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(getCrypto(), SUITES);
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return (int) peer.policy().handshakeTimeout().toMillis();
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
        return peer.signer(context);
    }

    @Override
    @SuppressWarnings("rawtypes") // the BouncyCastle signature
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        UseSRTPData srtp = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
        int[] offered = srtp == null ? new int[0] : srtp.getProtectionProfiles();
        selectedProfile = peer.choose(offered).dtlsProfile().orElseThrow();
    }

    @Override
    public Hashtable<?, ?> getServerExtensions() throws IOException {
        @SuppressWarnings("unchecked")
        Hashtable<Object, Object> ext = TlsExtensionsUtils.ensureExtensionsInitialised(super.getServerExtensions());
        TlsSRTPUtils.addUseSRTPExtension(ext, new UseSRTPData(new int[] {selectedProfile}, TlsUtils.EMPTY_BYTES));
        return ext;
    }

    @Override
    public CertificateRequest getCertificateRequest() {
        return new CertificateRequest(new short[] {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign},
                TlsUtils.getDefaultSupportedSignatureAlgorithms(context), null);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        peer.verifyPeer(clientCertificate);
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        peer.exportKeys(context);
    }
}
