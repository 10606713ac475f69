package io.toneguard.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.sip.AgentMedia;
import io.toneguard.sip.Router;
import io.toneguard.sip.SipSettings;
import io.toneguard.sip.testing.TestPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TLS and SRTP keys of {@code sip}, {@code routing} and {@code api}: PEM and PKCS#12, env: passwords, errors by key. */
class ConfigTlsTest {
    private final ConfigLoader loader = new ConfigLoader();

    @TempDir
    Path dir;
    private Path cert;
    private Path key;
    private Path p12;
    private Path ca;

    @BeforeEach
    void certificates() {
        TestPki pki = TestPki.ca("config");
        TestPki.Identity id = pki.issue("toneguard");
        cert = id.writeChainPem(dir.resolve("tg.pem"));
        key = id.writeKeyPem(dir.resolve("tg.key"));
        p12 = id.writePkcs12(dir.resolve("tg.p12"), "s3cret-pass".toCharArray());
        ca = pki.writeCaPem(dir.resolve("ca.pem"));
    }

    private ToneGuardConfig load(String yaml) throws IOException {
        Path f = dir.resolve("toneguard.yaml");
        Files.writeString(f, yaml);
        return loader.load(f);
    }

    @Test
    void defaultsArePlainWithSdesOnlyOverTls() {
        SipSettings s = loader.defaults().sip().toSettings();
        assertEquals(List.of("udp", "tcp"), s.transports());
        assertEquals(5061, s.tlsPort());
        assertNull(s.tls());
        assertEquals(AgentMedia.SAME_AS_CALLER, s.agentMedia());
        assertFalse(s.allowSdesWithoutTls());
        assertFalse(loader.defaults().api().tls().enabled());
    }

    @Test
    void sipOverTlsFromPemOrPkcs12() throws IOException {
        SipSettings pem = load("sip:\n  transports: [udp, tls]\n  tlsPort: 5161\n  agentMedia: sdes\n  tls:\n"
                + "    certificate: " + cert + "\n    key: " + key + "\n    truststore: " + ca + "\n"
                + "    requireClientCertificate: true\n").sip().toSettings();
        assertEquals(List.of("udp", "tls"), pem.transports());
        assertEquals(5161, pem.portFor("tls"));
        assertNotNull(pem.tls());
        assertTrue(pem.tls().requireClientCertificate());
        assertEquals(AgentMedia.SDES, pem.agentMedia());
        ToneGuardConfig c = load("sip:\n  transports: [tls]\n  tls:\n    keystore: " + p12 + "\n    keystorePassword: s3cret-pass\n");
        assertNotNull(c.sip().toSettings().tls());
        assertFalse(loader.toYaml(c).contains("s3cret-pass"), "the config command hides the password");
        SipSettings env = c.sip().toSettings(name -> name.equals("TG_P12") ? "s3cret-pass" : null);
        assertNotNull(env.tls());
        SipSettings viaEnv = new SipConfig("127.0.0.1", 5060, List.of("tls"), 65536, 60, 30, "x", 5061,
                new TlsConfig("", "", p12.toString(), "env:TG_P12", "", "", false), "plain", false)
                .toSettings(name -> name.equals("TG_P12") ? "s3cret-pass" : null);
        assertEquals(AgentMedia.PLAIN, viaEnv.agentMedia());
    }

    @Test
    void routeRulesTakeTlsAndAgentMedia() throws IOException {
        Router r = load("routing:\n  rules:\n    - userPrefix: '0800'\n      target: 'sips:pay@10.0.0.5:5061'\n"
                + "      transport: tls\n      agentMedia: plain\n").routing().toRouter();
        Router.Target t = r.route("0800123", "x", 5060, false, "sip:0800123@x", h -> null).orElseThrow();
        assertEquals("tls", t.transport());
        assertEquals(AgentMedia.PLAIN, t.agentMedia());
    }

    @Test
    void badTlsAndMediaValuesNameTheirKey() {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("sip:\n  transports: [tls]\n", "sip.tls.certificate");
        cases.put("sip:\n  transports: [udp, tls]\n  tlsPort: 5060\n  tls:\n    certificate: " + cert + "\n    key: " + key + "\n", "sip.tlsPort");
        cases.put("sip:\n  transports: [tls]\n  tls:\n    certificate: " + cert + "\n    key: " + key + "\n    keystore: " + p12 + "\n", "sip.tls.keystore");
        cases.put("sip:\n  transports: [tls]\n  tls:\n    certificate: " + cert + "\n    key: /no/such/file\n", "sip.tls.key");
        cases.put("sip:\n  transports: [tls]\n  tls:\n    certificate: " + key + "\n    key: " + key + "\n", "sip.tls.certificate");
        cases.put("sip:\n  transports: [tls]\n  tls:\n    certificate: " + cert + "\n    key: " + cert + "\n", "sip.tls.key");
        cases.put("sip:\n  transports: [tls]\n  tls:\n    keystore: " + p12 + "\n    keystorePassword: wrong\n", "sip.tls.keystore");
        cases.put("sip:\n  transports: [tls]\n  tls:\n    keystore: " + p12 + "\n    keystorePassword: 'env:TONEGUARD_TEST_NO_SUCH_VAR'\n", "sip.tls.keystorePassword");
        cases.put("sip:\n  transports: [tls]\n  tls:\n    certificate: " + cert + "\n    key: " + key + "\n    requireClientCertificate: true\n", "sip.tls.truststore");
        cases.put("sip:\n  transports: [udp, tlss]\n", "sip.transports");
        cases.put("sip:\n  agentMedia: srtp\n", "sip.agentMedia");
        cases.put("sip:\n  tls:\n    cert: x\n", "sip.tls.cert");
        cases.put("routing:\n  rules:\n    - target: 'sip:a@b'\n      agentMedia: dtls-maybe\n", "routing.rules[0].agentMedia");
        cases.put("routing:\n  rules:\n    - target: 'sip:a@b'\n      transport: sctp\n", "routing.rules[0]");
        cases.put("api:\n  tls:\n    enabled: true\n", "api.tls.certificate");
        cases.put("api:\n  tls:\n    enabled: true\n    keystore: " + p12 + "\n    keystorePassword: nope\n", "api.tls.keystore");
        cases.forEach((yaml, k) -> {
            ConfigException e = assertThrows(ConfigException.class, () -> load(yaml), yaml);
            assertEquals(k, e.key(), yaml + " -> " + e.getMessage());
            assertFalse(e.getMessage().contains("s3cret-pass"), e.getMessage());
        });
    }
}
