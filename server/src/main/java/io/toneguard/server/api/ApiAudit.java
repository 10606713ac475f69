package io.toneguard.server.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes every refused API request to the {@code audit.api} logger: status, who, why, method, path, remote address. Never a token. */
final class ApiAudit {
    static final String LOGGER = "audit.api";
    private static final Logger AUDIT = LoggerFactory.getLogger(LOGGER);

    /** @param who the principal's name, or null when not authenticated */
    void denied(int status, String who, String why, String method, String path, String remote) {
        AUDIT.warn("denied status={} who={} reason=\"{}\" method={} path={} remote={}", status, who == null ? "-" : clean(who),
                clean(why), clean(method), clean(path), clean(remote));
    }

    /** Keeps a line a line: no control characters, no quotes, bounded length. */
    private static String clean(String s) {
        if (s == null) {
            return "-";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), 200));
        s.codePoints().limit(200).forEach(c -> b.appendCodePoint(Character.isISOControl(c) || c == '"' ? '?' : c));
        return b.toString();
    }
}
