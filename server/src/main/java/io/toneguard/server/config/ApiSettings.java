package io.toneguard.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The {@code api} section: where the agent API listens and who may use it (one bearer token per
 * agent and per admin; no default token: with none configured every request is refused).
 *
 * @param enabled whether the server starts the agent API at all (checked by the caller of {@code AgentApi.start})
 * @param port 0 for an ephemeral port (tests)
 * @param maxRequestBytes larger request bodies are refused with 413
 * @param pingSeconds interval of WebSocket pings that keep idle event streams open
 * @param tls HTTPS instead of HTTP (null or disabled: plain HTTP)
 */
public record ApiSettings(boolean enabled, String bindAddress, int port, int maxRequestBytes, int pingSeconds,
        List<Account> agents, List<Account> admins, Tls tls) {

    /** Plain HTTP settings. */
    public ApiSettings(boolean enabled, String bindAddress, int port, int maxRequestBytes, int pingSeconds,
            List<Account> agents, List<Account> admins) {
        this(enabled, bindAddress, port, maxRequestBytes, pingSeconds, agents, admins, null);
    }

    /**
     * The {@code api.tls} section: serve HTTPS with a PEM certificate chain + PKCS#8 key, or a
     * PKCS#12 keystore (password literal or {@code env:NAME}); TLS 1.3 and 1.2 with modern suites.
     */
    public record Tls(boolean enabled, String certificate, String key, String keystore, String keystorePassword) {
        /** The TLS context, or null when disabled; messages name {@code api.tls.*} keys. */
        public javax.net.ssl.SSLContext context(Function<String, String> env) {
            if (!enabled) {
                return null;
            }
            return new TlsConfig(certificate, key, keystore, keystorePassword, "", "", false).context("api.tls", env);
        }

        @Override
        public String toString() {
            return "Tls[enabled=" + enabled + ", certificate=" + certificate + ", keystore=" + keystore + ", keystorePassword=***]";
        }
    }

    /** Names: what audit lines and payment records show. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    /** Tokens travel in a header and as a WebSocket subprotocol, so only characters valid there. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~-]{16,256}");

    /** One principal and its bearer token ({@code env:NAME} reads the environment). */
    public record Account(String name, String token) {
        @Override
        public String toString() {
            return "Account[name=" + name + ", token=***]";
        }
    }

    /**
     * Checks every value and resolves {@code env:} tokens through {@code env}; messages name the
     * dotted key at fault and never a token. Returns the settings with plain tokens.
     */
    public ApiSettings resolve(Function<String, String> env) {
        try {
            InetAddress.getByName(ConfigException.require(bindAddress, "api.bindAddress"));
        } catch (UnknownHostException e) {
            throw new ConfigException("api.bindAddress", "not an address: " + bindAddress);
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException("api.port", "must be 0-65535 (0: any free port), was " + port);
        }
        if (maxRequestBytes < 1024 || maxRequestBytes > 1_048_576) {
            throw new ConfigException("api.maxRequestBytes", "must be 1024-1048576, was " + maxRequestBytes);
        }
        if (pingSeconds < 5 || pingSeconds > 300) {
            throw new ConfigException("api.pingSeconds", "must be 5-300, was " + pingSeconds);
        }
        Set<String> names = new HashSet<>();
        Set<String> tokens = new HashSet<>();
        List<Account> resolvedAgents = resolve(ConfigException.require(agents, "api.agents"), "api.agents", env, names, tokens);
        List<Account> resolvedAdmins = resolve(ConfigException.require(admins, "api.admins"), "api.admins", env, names, tokens);
        if (tls != null) {
            tls.context(env); // the files load and fit: checked at start
        }
        return new ApiSettings(enabled, bindAddress, port, maxRequestBytes, pingSeconds, resolvedAgents, resolvedAdmins, tls);
    }

    private static List<Account> resolve(List<Account> accounts, String key, Function<String, String> env, Set<String> names,
            Set<String> tokens) {
        List<Account> out = new ArrayList<>();
        for (int i = 0; i < accounts.size(); i++) {
            String at = key + "[" + i + "]";
            Account a = accounts.get(i);
            if (a == null) {
                throw new ConfigException(at, "must be a mapping with name and token");
            }
            if (a.name() == null || !NAME.matcher(a.name()).matches()) {
                throw new ConfigException(at + ".name", "must be 1-64 letters, digits or . _ @ -");
            }
            if (!names.add(a.name())) {
                throw new ConfigException(at + ".name", "'" + a.name() + "' is configured twice");
            }
            String token = PaymentsConfig.secret(a.token(), at + ".token", env);
            if (!TOKEN.matcher(token).matches()) {
                throw new ConfigException(at + ".token", "must be 16-256 letters, digits or . _ ~ - (e.g. openssl rand -hex 32)");
            }
            if (!tokens.add(token)) {
                throw new ConfigException(at + ".token", "is the same as another account's token");
            }
            out.add(new Account(a.name(), token));
        }
        return List.copyOf(out);
    }
}
