package io.toneguard.media.sdp;

/**
 * Writes a {@link SessionDescription} as RFC 8866 text: CRLF line ends, lines in the canonical
 * order v o s i u e p c b t r z k a, then each m= section as m i c b k a.
 */
public final class SdpWriter {
    private static final String CRLF = "\r\n";
    private static final String REDACTED = "<redacted>";

    private SdpWriter() {
    }

    public static String write(SessionDescription sdp) {
        return write(sdp, false);
    }

    /** With {@code redact}, crypto keys and k= lines are replaced so the text is safe to log. */
    public static String write(SessionDescription sdp, boolean redact) {
        StringBuilder sb = new StringBuilder(512);
        line(sb, 'v', Integer.toString(sdp.version()));
        line(sb, 'o', sdp.origin().encode());
        line(sb, 's', sdp.sessionName());
        sdp.information().ifPresent(i -> line(sb, 'i', i));
        sdp.uri().ifPresent(u -> line(sb, 'u', u));
        sdp.emails().forEach(e -> line(sb, 'e', e));
        sdp.phones().forEach(p -> line(sb, 'p', p));
        sdp.connection().ifPresent(c -> line(sb, 'c', c.encode()));
        sdp.bandwidths().forEach(b -> line(sb, 'b', b.encode()));
        for (Timing t : sdp.timings()) {
            line(sb, 't', t.encode());
            t.repeats().forEach(r -> line(sb, 'r', r));
        }
        sdp.timeZones().ifPresent(z -> line(sb, 'z', z));
        sdp.encryptionKey().ifPresent(k -> line(sb, 'k', redact ? REDACTED : k));
        sdp.attributes().forEach(a -> line(sb, 'a', encode(a, redact)));
        for (MediaDescription m : sdp.media()) {
            appendMedia(sb, m, redact);
        }
        return sb.toString();
    }

    static void appendMedia(StringBuilder sb, MediaDescription m, boolean redact) {
        StringBuilder ml = new StringBuilder().append(m.media()).append(' ').append(m.port());
        m.portCount().ifPresent(n -> ml.append('/').append(n));
        ml.append(' ').append(m.proto());
        m.formats().forEach(f -> ml.append(' ').append(f));
        line(sb, 'm', ml.toString());
        m.information().ifPresent(i -> line(sb, 'i', i));
        m.connection().ifPresent(c -> line(sb, 'c', c.encode()));
        m.bandwidths().forEach(b -> line(sb, 'b', b.encode()));
        m.encryptionKey().ifPresent(k -> line(sb, 'k', redact ? REDACTED : k));
        m.attributes().forEach(a -> line(sb, 'a', encode(a, redact)));
    }

    private static String encode(Attribute a, boolean redact) {
        if (redact && a instanceof Crypto c) {
            return c.name() + ":" + c.redactedValue();
        }
        if (redact && a instanceof GenericAttribute g && g.isSecret() && g.value().isPresent()) {
            return g.name() + ":" + REDACTED;
        }
        return a.encode();
    }

    private static void line(StringBuilder sb, char type, String value) {
        sb.append(type).append('=').append(value).append(CRLF);
    }
}
