package io.toneguard.media.sdp;

import java.util.Objects;

/** An audio encoding ToneGuard can handle, matched against rtpmaps by name (any case), rate and channels. */
public record Codec(String encodingName, int clockRate, int channels) {
    public static final Codec PCMU = new Codec("PCMU", 8000, 1);
    public static final Codec PCMA = new Codec("PCMA", 8000, 1);
    public static final Codec G722 = new Codec("G722", 8000, 1);
    public static final Codec CN = new Codec("CN", 8000, 1);

    public Codec {
        SdpSyntax.requireToken(Objects.requireNonNull(encodingName, "encodingName"), "encoding name");
        if (clockRate <= 0 || channels <= 0) {
            throw new IllegalArgumentException("clock rate and channels must be positive");
        }
        if (encodingName.equalsIgnoreCase("telephone-event")) {
            throw new IllegalArgumentException("telephone-event is configured with MediaCapabilities.telephoneEvents");
        }
    }

    public boolean matches(RtpMap map) {
        return map.isEncoding(encodingName) && map.clockRate() == clockRate && map.channelCount() == channels;
    }

    /** The rtpmap for this codec under a payload type (channels written only when not 1). */
    public RtpMap toRtpMap(int payloadType) {
        return channels == 1 ? new RtpMap(payloadType, encodingName, clockRate)
                : new RtpMap(payloadType, encodingName, clockRate, java.util.OptionalInt.of(channels));
    }

    @Override
    public String toString() {
        return encodingName + "/" + clockRate + (channels == 1 ? "" : "/" + channels);
    }
}
