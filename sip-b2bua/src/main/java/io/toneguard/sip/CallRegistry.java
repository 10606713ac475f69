package io.toneguard.sip;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The calls in progress, by ToneGuard call id. Thread-safe. */
public final class CallRegistry {
    private final Map<String, CallInfo> calls = new ConcurrentHashMap<>();

    void add(CallInfo call) {
        calls.put(call.id(), call);
    }

    void remove(CallInfo call) {
        calls.remove(call.id());
    }

    public Optional<CallInfo> find(String id) {
        return Optional.ofNullable(calls.get(id));
    }

    /** A snapshot of every call in progress. */
    public List<CallInfo> all() {
        return List.copyOf(calls.values());
    }

    public int size() {
        return calls.size();
    }

    Collection<CallInfo> live() {
        return calls.values();
    }
}
