package io.toneguard.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.server.config.ApiSettings;
import io.toneguard.server.config.ApiSettings.Account;
import io.toneguard.sip.TlsMaterial;
import io.toneguard.sip.testing.TestPki;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent API over HTTPS (api.tls): a JDK HttpClient that trusts a test CA gets the API; plain HTTP and untrusting clients do not. */
class AgentApiHttpsTest {
    @TempDir
    Path dir;

    @Test
    void theApiIsServedOverHttpsOnly() throws Exception {
        TestPki pki = TestPki.ca("api");
        TestPki.Identity id = pki.issue("toneguard");
        ApiSettings.Tls tls = new ApiSettings.Tls(true, id.writeChainPem(dir.resolve("api.pem")).toString(),
                id.writeKeyPem(dir.resolve("api.key")).toString(), "", "");
        ApiSettings settings = new ApiSettings(true, "127.0.0.1", 0, 16384, 5,
                List.of(new Account("alice", AgentApiFixture.ALICE_TOKEN)), List.of(), tls);
        try (AgentApi api = AgentApi.start(settings, new FakeAgentDesk())) {
            SSLContext trusting = TlsMaterial.context(null, null, pki.trustStore());
            SSLParameters p = new SSLParameters();
            p.setProtocols(new String[] {"TLSv1.3"});
            HttpClient client = HttpClient.newBuilder().sslContext(trusting).sslParameters(p)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest calls = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + api.port() + "/api/v1/calls"))
                    .header("Authorization", "Bearer " + AgentApiFixture.ALICE_TOKEN).timeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> r = client.send(calls, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.sslSession().isPresent());
            assertEquals("TLSv1.3", r.sslSession().get().getProtocol());
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + api.port() + "/"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());

            HttpClient untrusting = HttpClient.newBuilder().sslContext(TlsMaterial.context(null, null,
                    TestPki.ca("other").trustStore())).connectTimeout(Duration.ofSeconds(5)).build();
            assertThrows(IOException.class, () -> untrusting.send(calls, HttpResponse.BodyHandlers.ofString()));
            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest overHttp = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/api/v1/calls"))
                    .header("Authorization", "Bearer " + AgentApiFixture.ALICE_TOKEN).timeout(Duration.ofSeconds(5)).build();
            try {
                HttpResponse<String> h = plain.send(overHttp, HttpResponse.BodyHandlers.ofString());
                assertTrue(h.statusCode() == 400, "plain HTTP must not reach the API, got " + h.statusCode());
            } catch (IOException expected) {
                // the TLS connector drops a plain HTTP request
            }
        }
    }
}
