package io.toneguard.server.config;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The checks shared by every service ToneGuard calls over HTTP (recorder webhooks, amount lookups): URLs and extra headers. */
final class OutboundHttp {
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "content-type", "expect", "host",
            "upgrade", "authorization");

    private OutboundHttp() {
    }

    /** An http or https URL with a host. */
    static URI url(String v, String key) {
        if (v == null || v.isBlank()) {
            throw new ConfigException(key, "is empty");
        }
        try {
            URI u = new URI(v.trim());
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                throw new ConfigException(key, "must be an http or https URL with a host");
            }
            return u;
        } catch (java.net.URISyntaxException e) {
            throw new ConfigException(key, "not a URL: " + e.getReason());
        }
    }

    /** An https URL, or plain http to loopback only: for services that get secrets or personal data. */
    static URI secureUrl(String v, String key) {
        URI u = url(v, key);
        if (!"https".equals(u.getScheme()) && !isLoopback(u.getHost())) {
            throw new ConfigException(key, "must be an https URL (plain http only to loopback)");
        }
        return u;
    }

    private static boolean isLoopback(String host) {
        return "127.0.0.1".equals(host) || "localhost".equals(host) || "::1".equals(host) || "[::1]".equals(host);
    }

    /**
     * Extra headers: valid names, one-line values, none that HTTP itself sets, and no
     * Authorization (that comes from a {@code bearerToken} secret).
     */
    static Map<String, String> headers(Map<String, String> configured, String key) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (configured == null) {
            return headers;
        }
        for (Map.Entry<String, String> h : configured.entrySet()) {
            String k = key + "." + h.getKey();
            if (!TOKEN.matcher(h.getKey()).matches() || RESTRICTED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                throw new ConfigException(k, "not a header name that can be set here (use bearerToken for Authorization)");
            }
            if (h.getValue() == null || h.getValue().indexOf('\r') >= 0 || h.getValue().indexOf('\n') >= 0) {
                throw new ConfigException(k, "needs a one-line value");
            }
            headers.put(h.getKey(), h.getValue());
        }
        return headers;
    }
}
