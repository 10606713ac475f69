package io.toneguard.harness.agent;

import static org.junit.jupiter.api.Assertions.assertFalse;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/** Every log line of the JVM while attached (message and exception text), to search for card data. */
final class LogTap extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final List<String> lines = new ArrayList<>();

    static LogTap attach() {
        LogTap tap = new LogTap();
        Logger root = root();
        tap.setContext(root.getLoggerContext());
        tap.start();
        root.addAppender(tap);
        return tap;
    }

    @Override
    protected void append(ILoggingEvent e) {
        synchronized (lines) {
            lines.add(e.getLoggerName() + " " + e.getFormattedMessage()
                    + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage()));
        }
    }

    /** The lines so far (there must be some: an empty tap means it was not attached). */
    List<String> lines() {
        synchronized (lines) {
            assertFalse(lines.isEmpty(), "logs were captured");
            return new ArrayList<>(lines);
        }
    }

    @Override
    public void close() {
        root().detachAppender(this);
        stop();
    }

    private static Logger root() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    /**
     * Fails if any trace holds one of the values: long ones anywhere, short ones as numbers of their
     * own, not next to a letter or digit (a random UUID such as {@code 876a1e27-a123-...} holds a
     * "123" by chance, and made this check flaky).
     */
    static void assertNone(List<String> traces, String... values) {
        for (String v : values) {
            Pattern p = Pattern.compile(v.length() >= 8 ? Pattern.quote(v) : "(?<![0-9A-Za-z])" + v + "(?![0-9A-Za-z])");
            for (String t : traces) {
                String head = t.substring(0, Math.min(300, t.length()));
                assertFalse(p.matcher(t).find(), () -> "a " + v.length() + "-digit card value appears in: " + head);
            }
        }
    }
}
