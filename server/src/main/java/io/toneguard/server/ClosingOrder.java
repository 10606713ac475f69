package io.toneguard.server;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the server has opened, in the order it opened it: closed last-opened first, each once, whether
 * the server stops or fails half-way through starting. One thing failing to close does not keep the
 * others open. Not thread-safe: the server opens and closes from one thread.
 */
final class ClosingOrder {
    private static final Logger LOG = LoggerFactory.getLogger(ClosingOrder.class);

    private record Opened(String name, AutoCloseable closer) {
    }

    private final Deque<Opened> opened = new ArrayDeque<>();

    /** {@code closer} closes {@code resource}; returns the resource, for assignment where it is opened. */
    <T> T add(String name, T resource, AutoCloseable closer) {
        opened.push(new Opened(name, closer));
        return resource;
    }

    /** Closes everything added so far, newest first. */
    void closeAll() {
        while (!opened.isEmpty()) {
            Opened o = opened.pop();
            try {
                o.closer().close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the rest still closes; the caller sees the flag
                LOG.warn("closing {} was interrupted", o.name());
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", o.name(), e.getClass().getSimpleName());
            }
        }
    }
}
