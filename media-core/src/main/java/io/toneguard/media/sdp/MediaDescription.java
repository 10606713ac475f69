package io.toneguard.media.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One media section: the {@code m=} line and its {@code i= c= b= k= a=} lines. Immutable; the
 * {@code with*} methods return modified copies, as the B2BUA does when it anchors media.
 */
public record MediaDescription(String media, int port, OptionalInt portCount, String proto, List<String> formats,
                               Optional<String> information, Optional<Connection> connection,
                               List<Bandwidth> bandwidths, Optional<String> encryptionKey,
                               List<Attribute> attributes) {

    public MediaDescription {
        SdpSyntax.requireToken(media, "media type");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535");
        }
        Objects.requireNonNull(portCount, "portCount");
        if (portCount.isPresent() && portCount.getAsInt() < 1) {
            throw new IllegalArgumentException("port count must be positive");
        }
        if (proto == null || proto.isEmpty() || !proto.chars().allMatch(c -> c == '/' || SdpSyntax.isTokenChar((char) c))) {
            throw new IllegalArgumentException("proto is not a valid token");
        }
        formats = List.copyOf(formats);
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("m= needs at least one format");
        }
        boolean rtp = isRtpProto(proto);
        for (String f : formats) {
            if (rtp ? !isPayloadType(f) : !SdpSyntax.isToken(f)) {
                throw new IllegalArgumentException(rtp ? "RTP formats must be payload types 0-127" : "format is not a token");
            }
        }
        Objects.requireNonNull(information, "information").ifPresent(i -> SdpSyntax.requireText(i, "i="));
        Objects.requireNonNull(connection, "connection");
        bandwidths = List.copyOf(bandwidths);
        Objects.requireNonNull(encryptionKey, "encryptionKey").ifPresent(k -> SdpSyntax.requireText(k, "k="));
        attributes = List.copyOf(attributes);
    }

    static boolean isRtpProto(String proto) {
        return proto.contains("RTP/");
    }

    static boolean isPayloadType(String f) {
        return SdpSyntax.isDigits(f, 3) && Integer.parseInt(f) <= 127 && (f.length() == 1 || f.charAt(0) != '0');
    }

    public static Builder builder(String media, int port, String proto) {
        return new Builder(media, port, proto);
    }

    public Builder toBuilder() {
        Builder b = new Builder(media, port, proto);
        b.portCount = portCount;
        b.formats.addAll(formats);
        b.information = information;
        b.connection = connection;
        b.bandwidths.addAll(bandwidths);
        b.encryptionKey = encryptionKey;
        b.attributes.addAll(attributes);
        return b;
    }

    // ---- derived, typed views ----

    /** True for RTP-based protocols (RTP/AVP, RTP/SAVP, RTP/SAVPF, UDP/TLS/RTP/SAVPF...). */
    public boolean isRtp() {
        return isRtpProto(proto);
    }

    /** Port 0: the stream is rejected or disabled (RFC 3264 §6, §8.2). */
    public boolean isRejected() {
        return port == 0;
    }

    /** The formats as payload type numbers; empty for non-RTP media. */
    public List<Integer> payloadTypes() {
        return isRtp() ? formats.stream().map(Integer::valueOf).toList() : List.of();
    }

    public List<Attribute> attributes(String name) {
        return Attributes.named(attributes, name);
    }

    public boolean hasAttribute(String name) {
        return attributes.stream().anyMatch(a -> a.name().equals(name));
    }

    /** The rtpmap of a payload type: the a=rtpmap line, or the RFC 3551 static mapping. */
    public Optional<RtpMap> rtpMap(int payloadType) {
        for (RtpMap m : Attributes.ofType(attributes, RtpMap.class)) {
            if (m.payloadType() == payloadType) {
                return Optional.of(m);
            }
        }
        return StaticPayloadTypes.of(payloadType);
    }

    /** Known mappings of the formats, in format order (formats without a known mapping are skipped). */
    public List<RtpMap> rtpMaps() {
        List<RtpMap> out = new ArrayList<>();
        for (int pt : payloadTypes()) {
            rtpMap(pt).ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    /** The fmtp parameters of a format, if any. */
    public Optional<String> fmtp(String format) {
        return Attributes.ofType(attributes, Fmtp.class).stream()
                .filter(f -> f.format().equals(format)).map(Fmtp::parameters).findFirst();
    }

    public Optional<String> fmtp(int payloadType) {
        return fmtp(Integer.toString(payloadType));
    }

    /** The telephone-event payload types in format order, with their events (0-15 when no fmtp). */
    public List<TelephoneEvent> telephoneEvents() {
        List<TelephoneEvent> out = new ArrayList<>();
        for (RtpMap m : rtpMaps()) {
            if (m.isTelephoneEvent()) {
                EventSet events = fmtp(m.payloadType()).map(EventSet::parse).orElse(EventSet.DTMF);
                out.add(new TelephoneEvent(m.payloadType(), m.clockRate(), events));
            }
        }
        return List.copyOf(out);
    }

    /** The media-level direction attribute; see {@link SessionDescription#direction(MediaDescription)}. */
    public Optional<Direction> direction() {
        return Attributes.direction(attributes);
    }

    public boolean rtcpMux() {
        return hasAttribute(Attribute.RTCP_MUX);
    }

    public Optional<RtcpAttribute> rtcp() {
        return Attributes.first(attributes, RtcpAttribute.class);
    }

    public OptionalInt ptime() {
        return Attributes.first(attributes, Ptime.class).map(p -> OptionalInt.of(p.millis())).orElse(OptionalInt.empty());
    }

    public OptionalInt maxptime() {
        return Attributes.first(attributes, MaxPtime.class).map(p -> OptionalInt.of(p.millis())).orElse(OptionalInt.empty());
    }

    public List<Crypto> crypto() {
        return Attributes.ofType(attributes, Crypto.class);
    }

    public List<Fingerprint> fingerprints() {
        return Attributes.ofType(attributes, Fingerprint.class);
    }

    public Optional<SetupRole> setup() {
        return Attributes.first(attributes, SetupAttribute.class).map(SetupAttribute::role);
    }

    // ---- modified copies ----

    public MediaDescription withPort(int newPort) {
        return toBuilder().port(newPort).build();
    }

    /** A copy with another transport protocol, e.g. {@code RTP/SAVP} once SDES keys are added. */
    public MediaDescription withProto(String newProto) {
        Builder b = new Builder(media, port, newProto);
        b.portCount = portCount;
        b.formats.addAll(formats);
        b.information = information;
        b.connection = connection;
        b.bandwidths.addAll(bandwidths);
        b.encryptionKey = encryptionKey;
        b.attributes.addAll(attributes);
        return b.build();
    }

    /** True for the secure RTP profiles (RTP/SAVP, RTP/SAVPF, UDP/TLS/RTP/SAVP[F]). */
    public boolean isSecureRtp() {
        return isRtp() && proto.contains("/SAVP");
    }

    public MediaDescription withConnection(Connection c) {
        return toBuilder().connection(c).build();
    }

    public MediaDescription withoutConnection() {
        return toBuilder().connection(null).build();
    }

    /**
     * A copy with a new format list; rtpmap and fmtp lines of formats no longer listed are dropped,
     * so the result stays consistent.
     */
    public MediaDescription withFormats(List<String> newFormats) {
        Set<String> keep = Set.copyOf(newFormats);
        Predicate<Attribute> stale = a -> (a instanceof RtpMap m && !keep.contains(Integer.toString(m.payloadType())))
                || (a instanceof Fmtp f && !keep.contains(f.format()));
        Builder b = toBuilder().formats(newFormats);
        b.attributes.removeIf(stale);
        return b.build();
    }

    /** A copy whose direction attribute is replaced (or added) by the given one. */
    public MediaDescription withDirection(Direction direction) {
        return toBuilder().attributes(Attributes.withDirection(attributes, direction)).build();
    }

    public MediaDescription withAttributes(List<Attribute> newAttributes) {
        return toBuilder().attributes(newAttributes).build();
    }

    /** A copy with one attribute appended. */
    public MediaDescription withAttribute(Attribute attribute) {
        return toBuilder().attribute(attribute).build();
    }

    /** A copy without any attribute of that name. */
    public MediaDescription withoutAttributes(String name) {
        Builder b = toBuilder();
        b.attributes.removeIf(a -> a.name().equals(name));
        return b.build();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        SdpWriter.appendMedia(sb, this, true);
        return sb.toString();
    }

    /** Mutable builder of a {@link MediaDescription}. */
    public static final class Builder {
        private final String media;
        private int port;
        private final String proto;
        private OptionalInt portCount = OptionalInt.empty();
        private final List<String> formats = new ArrayList<>();
        private Optional<String> information = Optional.empty();
        private Optional<Connection> connection = Optional.empty();
        private final List<Bandwidth> bandwidths = new ArrayList<>();
        private Optional<String> encryptionKey = Optional.empty();
        private final List<Attribute> attributes = new ArrayList<>();

        private Builder(String media, int port, String proto) {
            this.media = media;
            this.port = port;
            this.proto = proto;
        }

        public Builder port(int p) {
            this.port = p;
            return this;
        }

        public Builder portCount(int n) {
            this.portCount = OptionalInt.of(n);
            return this;
        }

        public Builder formats(List<String> f) {
            formats.clear();
            formats.addAll(f);
            return this;
        }

        public Builder format(String f) {
            formats.add(f);
            return this;
        }

        public Builder information(String i) {
            this.information = Optional.ofNullable(i);
            return this;
        }

        /** Sets the media-level c=; null removes it. */
        public Builder connection(Connection c) {
            this.connection = Optional.ofNullable(c);
            return this;
        }

        public Builder bandwidth(Bandwidth b) {
            bandwidths.add(b);
            return this;
        }

        public Builder encryptionKey(String k) {
            this.encryptionKey = Optional.ofNullable(k);
            return this;
        }

        public Builder attributes(List<Attribute> a) {
            attributes.clear();
            attributes.addAll(a);
            return this;
        }

        public Builder attribute(Attribute a) {
            attributes.add(Objects.requireNonNull(a, "attribute"));
            return this;
        }

        /** Adds the payload type to the formats and its a=rtpmap line. */
        public Builder rtpMap(RtpMap m) {
            formats.add(Integer.toString(m.payloadType()));
            attributes.add(m);
            return this;
        }

        public MediaDescription build() {
            return new MediaDescription(media, port, portCount, proto, formats, information, connection,
                    bandwidths, encryptionKey, attributes);
        }
    }
}
