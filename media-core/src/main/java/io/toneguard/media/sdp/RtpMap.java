package io.toneguard.media.sdp;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/** {@code a=rtpmap:<pt> <encoding>/<clock rate>[/<channels>]}. */
public record RtpMap(int payloadType, String encodingName, int clockRate, OptionalInt channels) implements Attribute {
    static final String NAME = "rtpmap";

    public RtpMap {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("rtpmap payload type must be 0-127");
        }
        SdpSyntax.requireToken(encodingName, "rtpmap encoding name");
        if (encodingName.indexOf('/') >= 0) {
            throw new IllegalArgumentException("rtpmap encoding name must not contain '/'");
        }
        if (clockRate <= 0) {
            throw new IllegalArgumentException("rtpmap clock rate must be positive");
        }
        if (channels.isPresent() && (channels.getAsInt() < 1 || channels.getAsInt() > 255)) {
            throw new IllegalArgumentException("rtpmap channels must be 1-255");
        }
    }

    public RtpMap(int payloadType, String encodingName, int clockRate) {
        this(payloadType, encodingName, clockRate, OptionalInt.empty());
    }

    public static RtpMap parse(String value) {
        List<String> f = SdpSyntax.fields(value, "a=rtpmap");
        if (f.size() != 2) {
            throw new IllegalArgumentException("a=rtpmap must be '<pt> <encoding>/<rate>[/<channels>]'");
        }
        int pt = SdpSyntax.parseInt(f.get(0), 0, 127, "rtpmap payload type");
        String[] enc = f.get(1).split("/", -1);
        if (enc.length < 2 || enc.length > 3 || enc[0].isEmpty()) {
            throw new IllegalArgumentException("a=rtpmap encoding must be '<name>/<rate>[/<channels>]'");
        }
        int rate = SdpSyntax.parseInt(enc[1], 1, Integer.MAX_VALUE, "rtpmap clock rate");
        OptionalInt channels = enc.length == 3
                ? OptionalInt.of(SdpSyntax.parseInt(enc[2], 1, 255, "rtpmap channels")) : OptionalInt.empty();
        return new RtpMap(pt, enc[0], rate, channels);
    }

    /** The channel count, 1 when not given. */
    public int channelCount() {
        return channels.orElse(1);
    }

    /** Case-insensitive comparison of the encoding name. */
    public boolean isEncoding(String name) {
        return encodingName.equalsIgnoreCase(name);
    }

    public boolean isTelephoneEvent() {
        return isEncoding("telephone-event");
    }

    public boolean isComfortNoise() {
        return isEncoding("CN");
    }

    /** {@code PCMU/8000} or {@code opus/48000/2}: the encoding without the payload type. */
    public String encoding() {
        return encodingName + "/" + clockRate + (channels.isPresent() ? "/" + channels.getAsInt() : "");
    }

    /** The same mapping under another payload type number. */
    public RtpMap withPayloadType(int pt) {
        return new RtpMap(pt, encodingName, clockRate, channels);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> value() {
        return Optional.of(payloadType + " " + encoding());
    }

    String lowerCaseKey() {
        return encodingName.toLowerCase(Locale.ROOT) + "/" + clockRate + "/" + channelCount();
    }
}
