package io.toneguard.server.recording;

import java.util.Locale;

/** What the built-in recorder does: nothing, pause around captures, or run on (it only hears masked audio). */
public enum RecordingMode {
    /** No built-in recording; webhooks are still sent. */
    OFF("off"),
    /** Silence (both channels) from a capture's start to its end, marked in the sidecar. */
    PAUSE_RESUME("pause-resume"),
    /** Keeps recording the masked audio; pauses and resumes are only marked in the sidecar. */
    CONTINUOUS_MASKED("continuous-masked");

    private final String configName;

    RecordingMode(String configName) {
        this.configName = configName;
    }

    /** The name used in configuration and in the sidecar. */
    public String configName() {
        return configName;
    }

    /** The mode for a configuration name; throws {@link IllegalArgumentException} naming the choices. */
    public static RecordingMode parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (RecordingMode m : values()) {
            if (m.configName.equals(n)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown recording mode '" + name + "' (use off, pause-resume or continuous-masked)");
    }
}
