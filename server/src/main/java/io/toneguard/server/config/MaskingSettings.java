package io.toneguard.server.config;

import io.toneguard.dtmf.inband.DetectorSettings;
import io.toneguard.dtmf.mask.MaskerSettings;
import io.toneguard.dtmf.mask.ReplacementMode;

/** The {@code masking} section: how the caller -> agent audio is masked. */
public record MaskingSettings(double delayMillis, double postMarginMillis, String replacement) {

    /** Checks the values and builds the masker's options; messages name the key at fault. */
    public MaskerSettings toMaskerSettings() {
        String problem = MaskerSettings.delayProblem(delayMillis);
        if (problem != null) {
            throw new ConfigException("masking.delayMillis", problem);
        }
        problem = MaskerSettings.postMarginProblem(postMarginMillis);
        if (problem != null) {
            throw new ConfigException("masking.postMarginMillis", problem);
        }
        ReplacementMode mode;
        try {
            mode = ReplacementMode.parse(ConfigException.require(replacement, "masking.replacement"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("masking.replacement", e.getMessage());
        }
        return new MaskerSettings(delayMillis, postMarginMillis, mode, DetectorSettings.DEFAULT);
    }
}
