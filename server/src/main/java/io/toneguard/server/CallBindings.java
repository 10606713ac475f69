package io.toneguard.server;

import io.toneguard.sip.CallInfo;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which agent each call belongs to. A call is bound by configuration when leg B is set up (the
 * user part of its target: the agent's extension) or answered (a header of the answer, e.g. one
 * the contact centre sets), or explicitly through the admin API (CTI); an explicit bind wins.
 */
public final class CallBindings {
    private static final Pattern USER = Pattern.compile("^sips?:([^@;>]+)@");

    private final boolean byTargetUser;
    private final String answerHeader;
    private final Map<String, String> extensions;
    private final Map<String, String> agents = new ConcurrentHashMap<>();
    private final Map<String, Boolean> explicit = new ConcurrentHashMap<>();

    /**
     * @param byTargetUser bind by the user part of leg B's target
     * @param answerHeader header of leg B's answer naming the agent ("" for none)
     * @param extensions target user -> agent name (a user not listed is the agent's name itself)
     */
    public CallBindings(boolean byTargetUser, String answerHeader, Map<String, String> extensions) {
        this.byTargetUser = byTargetUser;
        this.answerHeader = answerHeader == null ? "" : answerHeader;
        this.extensions = Map.copyOf(extensions);
    }

    /** Leg B is being set up: bind by its target's user part, if configured. */
    public void callStarted(CallInfo call) {
        if (byTargetUser && !explicit.containsKey(call.id())) {
            Matcher m = USER.matcher(call.target() == null ? "" : call.target());
            if (m.find()) {
                String user = m.group(1);
                agents.put(call.id(), extensions.getOrDefault(user, user));
            }
        }
    }

    /** Leg B answered: a configured header of the answer names the agent (and wins over the target). */
    public void callAnswered(CallInfo call) {
        if (!answerHeader.isEmpty() && !explicit.containsKey(call.id())) {
            String value = call.agentAnswerHeader(answerHeader);
            if (value != null && !value.isBlank()) {
                String name = value.strip();
                agents.put(call.id(), extensions.getOrDefault(name, name));
            }
        }
    }

    /** An explicit bind (admin API); it is not overridden by the answer. */
    public void bind(String callId, String agent) {
        explicit.put(callId, Boolean.TRUE);
        agents.put(callId, agent);
    }

    /** The agent of a call, or null while unbound. */
    public String agentOf(String callId) {
        return agents.get(callId);
    }

    public void callEnded(String callId) {
        agents.remove(callId);
        explicit.remove(callId);
    }
}
