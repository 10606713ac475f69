package io.toneguard.server.config;

/** The whole configuration, one record per section. */
public record ToneGuardConfig(MediaSettings media, MaskingSettings masking, SipConfig sip, RoutingConfig routing,
        PaymentsConfig payments, CaptureConfig capture, RecordsConfig records, ApiSettings api, RecordingConfig recording,
        IvrConfig ivr) {
}
