package io.toneguard.media.sdp;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** The static RTP payload types of RFC 3551 §6, known without an a=rtpmap line. */
public final class StaticPayloadTypes {
    private static final Map<Integer, RtpMap> TABLE = Map.ofEntries(
            entry(0, "PCMU", 8000), entry(3, "GSM", 8000), entry(4, "G723", 8000), entry(5, "DVI4", 8000),
            entry(6, "DVI4", 16000), entry(7, "LPC", 8000), entry(8, "PCMA", 8000), entry(9, "G722", 8000),
            Map.entry(10, new RtpMap(10, "L16", 44100, OptionalInt.of(2))),
            entry(11, "L16", 44100), entry(12, "QCELP", 8000), entry(13, "CN", 8000), entry(14, "MPA", 90000),
            entry(15, "G728", 8000), entry(16, "DVI4", 11025), entry(17, "DVI4", 22050), entry(18, "G729", 8000),
            entry(25, "CelB", 90000), entry(26, "JPEG", 90000), entry(28, "nv", 90000), entry(31, "H261", 90000),
            entry(32, "MPV", 90000), entry(33, "MP2T", 90000), entry(34, "H263", 90000));

    private StaticPayloadTypes() {
    }

    private static Map.Entry<Integer, RtpMap> entry(int pt, String name, int rate) {
        return Map.entry(pt, new RtpMap(pt, name, rate));
    }

    /** The RFC 3551 mapping of a static payload type, if it has one. */
    public static Optional<RtpMap> of(int payloadType) {
        return Optional.ofNullable(TABLE.get(payloadType));
    }

    /** The static payload type for an encoding (name case-insensitive, rate, channels), if there is one. */
    public static OptionalInt forEncoding(String name, int clockRate, int channels) {
        for (RtpMap m : TABLE.values()) {
            if (m.isEncoding(name) && m.clockRate() == clockRate && m.channelCount() == channels) {
                return OptionalInt.of(m.payloadType());
            }
        }
        return OptionalInt.empty();
    }
}
