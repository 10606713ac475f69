package io.toneguard.server.recording;

import java.util.Locale;

/** What happened to a call's recording: the events of the sidecar file and of the webhook. */
public enum RecordingEvent {
    STARTED("started"),
    PAUSED("paused"),
    RESUMED("resumed"),
    STOPPED("stopped");

    private final String wireName;

    RecordingEvent(String wireName) {
        this.wireName = wireName;
    }

    /** The name in JSON and in configuration. */
    public String wireName() {
        return wireName;
    }

    /** The event for a name; throws {@link IllegalArgumentException} naming the choices. */
    public static RecordingEvent parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (RecordingEvent e : values()) {
            if (e.wireName.equals(n)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown recording event '" + name + "' (use started, paused, resumed, stopped)");
    }
}
