package io.toneguard.media.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable SDP session description (RFC 8866). Build with {@link #builder(Origin)}, parse with
 * {@link SdpParser#parse(String)}, write with {@link #encode()}. {@link #toString()} is the SDP
 * text with crypto keys redacted, safe to log.
 */
public record SessionDescription(int version, Origin origin, String sessionName, Optional<String> information,
                                 Optional<String> uri, List<String> emails, List<String> phones,
                                 Optional<Connection> connection, List<Bandwidth> bandwidths, List<Timing> timings,
                                 Optional<String> timeZones, Optional<String> encryptionKey,
                                 List<Attribute> attributes, List<MediaDescription> media) {

    public SessionDescription {
        if (version != 0) {
            throw new IllegalArgumentException("only SDP version 0 exists");
        }
        Objects.requireNonNull(origin, "origin");
        SdpSyntax.requireText(sessionName, "s=");
        Objects.requireNonNull(information, "information").ifPresent(i -> SdpSyntax.requireText(i, "i="));
        Objects.requireNonNull(uri, "uri").ifPresent(u -> SdpSyntax.requireText(u, "u="));
        emails = List.copyOf(emails);
        emails.forEach(e -> SdpSyntax.requireText(e, "e="));
        phones = List.copyOf(phones);
        phones.forEach(p -> SdpSyntax.requireText(p, "p="));
        Objects.requireNonNull(connection, "connection");
        bandwidths = List.copyOf(bandwidths);
        timings = List.copyOf(timings);
        if (timings.isEmpty()) {
            throw new IllegalArgumentException("at least one t= line is required");
        }
        Objects.requireNonNull(timeZones, "timeZones").ifPresent(z -> SdpSyntax.requireText(z, "z="));
        Objects.requireNonNull(encryptionKey, "encryptionKey").ifPresent(k -> SdpSyntax.requireText(k, "k="));
        attributes = List.copyOf(attributes);
        media = List.copyOf(media);
    }

    /** A builder with {@code s=-}, {@code t=0 0} and nothing else. */
    public static Builder builder(Origin origin) {
        return new Builder(origin);
    }

    public Builder toBuilder() {
        Builder b = new Builder(origin);
        b.sessionName = sessionName;
        b.information = information;
        b.uri = uri;
        b.emails.addAll(emails);
        b.phones.addAll(phones);
        b.connection = connection;
        b.bandwidths.addAll(bandwidths);
        b.timings.clear();
        b.timings.addAll(timings);
        b.timeZones = timeZones;
        b.encryptionKey = encryptionKey;
        b.attributes.addAll(attributes);
        b.media.addAll(media);
        return b;
    }

    /** The canonical SDP text with CRLF line ends. */
    public String encode() {
        return SdpWriter.write(this);
    }

    // ---- derived, typed views ----

    /** The session-level direction attribute, if any. */
    public Optional<Direction> direction() {
        return Attributes.direction(attributes);
    }

    /** The direction of a media section: its own attribute, else the session's, else sendrecv. */
    public Direction direction(MediaDescription m) {
        return m.direction().or(this::direction).orElse(Direction.SENDRECV);
    }

    /** The connection of a media section: its own c=, else the session's. */
    public Optional<Connection> connection(MediaDescription m) {
        return m.connection().or(this::connection);
    }

    public List<Fingerprint> fingerprints() {
        return Attributes.ofType(attributes, Fingerprint.class);
    }

    /** Media-level fingerprints, else the session-level ones (RFC 8122 §5). */
    public List<Fingerprint> fingerprints(MediaDescription m) {
        List<Fingerprint> own = m.fingerprints();
        return own.isEmpty() ? fingerprints() : own;
    }

    public Optional<SetupRole> setup() {
        return Attributes.first(attributes, SetupAttribute.class).map(SetupAttribute::role);
    }

    public List<Attribute> attributes(String name) {
        return Attributes.named(attributes, name);
    }

    // ---- modified copies ----

    public SessionDescription withOrigin(Origin o) {
        return toBuilder().origin(o).build();
    }

    /** The same session with its version incremented (a changed re-offer, RFC 3264 §8). */
    public SessionDescription nextVersion() {
        return withOrigin(origin.nextVersion());
    }

    /**
     * This description as the successor of a previous one from the same side: the previous
     * sess-id, and its version unchanged if nothing else changed, incremented otherwise.
     */
    public SessionDescription asSuccessorOf(SessionDescription previous) {
        SessionDescription same = withOrigin(previous.origin);
        return same.equals(previous) ? previous : withOrigin(previous.origin.nextVersion());
    }

    /** A copy with a session-level c=; null removes it. */
    public SessionDescription withConnection(Connection c) {
        return toBuilder().connection(c).build();
    }

    public SessionDescription withMedia(List<MediaDescription> newMedia) {
        return toBuilder().media(newMedia).build();
    }

    public SessionDescription withMedia(int index, MediaDescription m) {
        List<MediaDescription> all = new ArrayList<>(media);
        all.set(index, m);
        return withMedia(all);
    }

    public SessionDescription withAttributes(List<Attribute> newAttributes) {
        return toBuilder().attributes(newAttributes).build();
    }

    /** A copy whose session-level direction attribute is replaced (or added). */
    public SessionDescription withDirection(Direction d) {
        return withAttributes(Attributes.withDirection(attributes, d));
    }

    @Override
    public String toString() {
        return SdpWriter.write(this, true);
    }

    /** Mutable builder of a {@link SessionDescription}. */
    public static final class Builder {
        private Origin origin;
        private String sessionName = "-";
        private Optional<String> information = Optional.empty();
        private Optional<String> uri = Optional.empty();
        private final List<String> emails = new ArrayList<>();
        private final List<String> phones = new ArrayList<>();
        private Optional<Connection> connection = Optional.empty();
        private final List<Bandwidth> bandwidths = new ArrayList<>();
        private final List<Timing> timings = new ArrayList<>(List.of(Timing.UNBOUNDED));
        private Optional<String> timeZones = Optional.empty();
        private Optional<String> encryptionKey = Optional.empty();
        private final List<Attribute> attributes = new ArrayList<>();
        private final List<MediaDescription> media = new ArrayList<>();

        private Builder(Origin origin) {
            this.origin = origin;
        }

        public Builder origin(Origin o) {
            this.origin = o;
            return this;
        }

        public Builder sessionName(String s) {
            this.sessionName = s;
            return this;
        }

        public Builder information(String i) {
            this.information = Optional.ofNullable(i);
            return this;
        }

        public Builder uri(String u) {
            this.uri = Optional.ofNullable(u);
            return this;
        }

        public Builder email(String e) {
            emails.add(e);
            return this;
        }

        public Builder phone(String p) {
            phones.add(p);
            return this;
        }

        /** Sets the session-level c=; null removes it. */
        public Builder connection(Connection c) {
            this.connection = Optional.ofNullable(c);
            return this;
        }

        public Builder bandwidth(Bandwidth b) {
            bandwidths.add(b);
            return this;
        }

        /** Replaces the timing lines (the default is a single {@code t=0 0}). */
        public Builder timings(List<Timing> t) {
            timings.clear();
            timings.addAll(t);
            return this;
        }

        public Builder timeZones(String z) {
            this.timeZones = Optional.ofNullable(z);
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

        public Builder media(List<MediaDescription> m) {
            media.clear();
            media.addAll(m);
            return this;
        }

        public Builder media(MediaDescription m) {
            media.add(Objects.requireNonNull(m, "media"));
            return this;
        }

        public SessionDescription build() {
            return new SessionDescription(0, origin, sessionName, information, uri, emails, phones, connection,
                    bandwidths, timings, timeZones, encryptionKey, attributes, media);
        }
    }
}
