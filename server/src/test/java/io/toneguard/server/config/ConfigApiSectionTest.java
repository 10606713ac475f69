package io.toneguard.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.server.config.ApiSettings.Account;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code api} section: defaults, strict keys, token rules and env: secrets, each error naming its key. */
class ConfigApiSectionTest {
    private final ConfigLoader loader = new ConfigLoader();

    @TempDir
    Path dir;

    private ToneGuardConfig load(String yaml) throws IOException {
        Path f = dir.resolve("toneguard.yaml");
        Files.writeString(f, yaml);
        return loader.load(f);
    }

    @Test
    void defaultsListenOnLoopback8080WithNoTokens() {
        ApiSettings api = loader.defaults().api();
        assertTrue(api.enabled());
        assertEquals("127.0.0.1", api.bindAddress());
        assertEquals(8080, api.port());
        assertEquals(List.of(), api.agents());
        assertEquals(List.of(), api.admins());
    }

    @Test
    void agentsAndAdminsAreRead() throws IOException {
        ApiSettings api = load("api:\n  port: 9443\n  agents:\n    - name: alice\n      token: alice-0123456789abcdef\n"
                + "  admins:\n    - name: ops\n      token: ops-0123456789abcdef01\n").api();
        assertEquals(9443, api.port());
        assertEquals(List.of(new Account("alice", "alice-0123456789abcdef")), api.agents());
        assertEquals("ops", api.admins().get(0).name());
        assertFalse(api.agents().get(0).toString().contains("0123456789"), api.agents().get(0).toString());
    }

    @Test
    void badValuesNameTheirKey() {
        Map<String, String> cases = Map.of(
                "api:\n  prot: 1\n", "api.prot",
                "api:\n  port: 70000\n", "api.port",
                "api:\n  bindAddress: 'not an address!'\n", "api.bindAddress",
                "api:\n  agents:\n    - name: alice\n      tokn: x\n", "api.agents[0].tokn",
                "api:\n  agents:\n    - name: alice\n      token: short\n", "api.agents[0].token",
                "api:\n  agents:\n    - name: alice\n      token: 'has spaces in it, 0123456789'\n", "api.agents[0].token",
                "api:\n  agents:\n    - name: ''\n      token: alice-0123456789abcdef\n", "api.agents[0].name",
                "api:\n  agents:\n    - name: a\n      token: same-0123456789abcdef\n  admins:\n    - name: b\n      token: same-0123456789abcdef\n",
                "api.admins[0].token",
                "api:\n  agents:\n    - name: a\n      token: one-0123456789abcdef01\n    - name: a\n      token: two-0123456789abcdef01\n",
                "api.agents[1].name",
                "api:\n  agents:\n    - name: a\n      token: 'env:TONEGUARD_TEST_SURELY_UNSET_TOKEN'\n", "api.agents[0].token");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            ConfigException e = assertThrows(ConfigException.class, () -> load(c.getKey()), c.getKey());
            assertEquals(c.getValue(), e.key(), c.getKey() + " -> " + e.getMessage());
            assertFalse(e.getMessage().contains("0123456789"), e.getMessage());
        }
    }

    @Test
    void envTokensAreReadFromTheEnvironment() {
        ApiSettings raw = new ApiSettings(true, "127.0.0.1", 0, 16384, 20,
                List.of(new Account("alice", "env:ALICE_TOKEN")), List.of());
        ApiSettings resolved = raw.resolve(Map.of("ALICE_TOKEN", "from-the-environment-0123")::get);
        assertEquals("from-the-environment-0123", resolved.agents().get(0).token());
    }

    @Test
    void tokensAreRedactedInTheEffectiveConfig() throws IOException {
        String yaml = loader.toYaml(load("api:\n  agents:\n    - name: alice\n      token: alice-0123456789abcdef\n"));
        assertTrue(yaml.contains("name: \"alice\"") || yaml.contains("name: alice"), yaml);
        assertFalse(yaml.contains("alice-0123456789abcdef"), yaml);
    }
}
