package io.toneguard.server.config;

import io.toneguard.dtmf.inband.DetectorSettings;
import io.toneguard.dtmf.mask.MaskerSettings;
import io.toneguard.dtmf.mask.ReplacementMode;

/** The {@code masking} section: how the caller -> agent audio is masked. */
public record MaskingSettings(double delayMillis, double postMarginMillis, String replacement) {

    /** Checks the values and builds the masker's options; messages name the key at fault. */
    public MaskerSettings toMaskerSettings() {
        if (!(delayMillis >= MaskerSettings.MIN_DELAY_MILLIS && delayMillis <= 200)) {
            throw new ConfigException("masking.delayMillis", "must be " + MaskerSettings.MIN_DELAY_MILLIS
                    + "-200 (the detector needs " + MaskerSettings.MIN_DELAY_MILLIS + " ms to mask a tone from its first sample), was " + delayMillis);
        }
        if (!(postMarginMillis >= 0 && postMarginMillis <= 200)) {
            throw new ConfigException("masking.postMarginMillis", "must be 0-200, was " + postMarginMillis);
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
