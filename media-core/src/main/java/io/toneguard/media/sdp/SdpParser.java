package io.toneguard.media.sdp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A strict RFC 8866 parser. Accepts CRLF or LF line ends; rejects anything malformed with an
 * {@link SdpParseException} naming the line and the reason (never quoting key material). Never
 * logs and never throws anything else.
 */
public final class SdpParser {
    /** Largest accepted input, in characters. */
    public static final int MAX_SIZE = 64 * 1024;
    /** Longest accepted line, in characters. */
    public static final int MAX_LINE_LENGTH = 4096;
    /** Most media sections accepted. */
    public static final int MAX_MEDIA = 16;
    /** Most attributes accepted in one section. */
    public static final int MAX_ATTRIBUTES = 256;

    private SdpParser() {
    }

    public static SessionDescription parse(String text) throws SdpParseException {
        if (text == null || text.isBlank()) {
            throw new SdpParseException(0, "empty SDP");
        }
        if (text.length() > MAX_SIZE) {
            throw new SdpParseException(0, "SDP larger than " + MAX_SIZE + " characters");
        }
        return new Run(lines(text)).parse();
    }

    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start <= text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            String line = text.substring(start, end);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            out.add(line);
            if (nl < 0) {
                break;
            }
            start = nl + 1;
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    /** One parse: the position and the section being filled. */
    private static final class Run {
        private final List<String> lines;
        private int lineNumber;

        private SessionDescription.Builder session;
        private final Set<Character> sessionSingletons = new HashSet<>();
        private final List<Timing> timings = new ArrayList<>();
        private final AttributeRules sessionRules = new AttributeRules(null);
        private char previousType;
        private boolean sessionHasConnection;

        private MediaDescription.Builder media;
        private MediaDescription mediaHeader;
        private int mediaLine;
        private Set<Character> mediaSingletons;
        private AttributeRules mediaRules;
        private final List<MediaDescription> mediaDone = new ArrayList<>();

        Run(List<String> lines) {
            this.lines = lines;
        }

        SessionDescription parse() throws SdpParseException {
            if (lines.isEmpty()) {
                throw new SdpParseException(0, "empty SDP");
            }
            for (String line : lines) {
                lineNumber++;
                checkLexical(line);
                char type = line.charAt(0);
                String value = line.substring(2);
                try {
                    if (lineNumber <= 3) {
                        header(type, value);
                    } else if (media == null && type != 'm') {
                        sessionLine(type, value);
                    } else {
                        mediaLine(type, value);
                    }
                } catch (IllegalArgumentException e) {
                    throw new SdpParseException(lineNumber, safeMessage(e));
                }
                previousType = type;
            }
            if (session == null) {
                throw new SdpParseException(lineNumber, lineNumber < 2 ? "missing o= line" : "missing s= line");
            }
            if (media != null) {
                finishMedia();
            } else if (timings.isEmpty()) {
                throw new SdpParseException(lineNumber, "missing t= line");
            }
            try {
                return session.timings(timings).media(mediaDone).build();
            } catch (IllegalArgumentException e) {
                throw new SdpParseException(0, safeMessage(e));
            }
        }

        private void checkLexical(String line) throws SdpParseException {
            if (line.length() > MAX_LINE_LENGTH) {
                throw new SdpParseException(lineNumber, "line longer than " + MAX_LINE_LENGTH + " characters");
            }
            if (line.isEmpty()) {
                throw new SdpParseException(lineNumber, "empty line");
            }
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == 0) {
                    throw new SdpParseException(lineNumber, "NUL character at column " + (i + 1));
                }
                if (c < 0x20 || c == 0x7F) {
                    throw new SdpParseException(lineNumber, "control character at column " + (i + 1));
                }
            }
            int equals = line.indexOf('=');
            if (equals < 0) {
                throw new SdpParseException(lineNumber, "line is not of the form <type>=<value>");
            }
            char type = line.charAt(0);
            if (equals != 1 || type < 'a' || type > 'z') {
                throw new SdpParseException(lineNumber, "line type must be a single lowercase letter");
            }
        }

        private void header(char type, String value) throws SdpParseException {
            switch (lineNumber) {
                case 1 -> {
                    if (type != 'v' || !value.equals("0")) {
                        throw new SdpParseException(1, "first line must be v=0");
                    }
                }
                case 2 -> {
                    if (type != 'o') {
                        throw new SdpParseException(2, "expected o= (origin) as line 2, found " + type + "=");
                    }
                    session = SessionDescription.builder(Origin.parse(value));
                }
                default -> {
                    if (type != 's') {
                        throw new SdpParseException(3, "expected s= (session name) as line 3, found " + type + "=");
                    }
                    session.sessionName(value);
                }
            }
        }

        private void sessionLine(char type, String value) throws SdpParseException {
            switch (type) {
                case 'v' -> throw new SdpParseException(lineNumber, "v= must only be the first line");
                case 'o', 's' -> throw new SdpParseException(lineNumber, "duplicate " + type + "= line");
                case 'i' -> session.information(singleton(sessionSingletons, type, value));
                case 'u' -> session.uri(singleton(sessionSingletons, type, value));
                case 'e' -> session.email(value);
                case 'p' -> session.phone(value);
                case 'c' -> {
                    session.connection(Connection.parse(singleton(sessionSingletons, type, value)));
                    sessionHasConnection = true;
                }
                case 'b' -> session.bandwidth(Bandwidth.parse(value));
                case 't' -> timings.add(Timing.parse(value));
                case 'r' -> {
                    if (previousType != 't' && previousType != 'r') {
                        throw new SdpParseException(lineNumber, "r= must follow a t= line");
                    }
                    Timing.validateRepeat(value);
                    timings.set(timings.size() - 1, timings.get(timings.size() - 1).withRepeat(value));
                }
                case 'z' -> session.timeZones(singleton(sessionSingletons, type, value));
                case 'k' -> session.encryptionKey(singleton(sessionSingletons, type, value));
                case 'a' -> session.attribute(sessionRules.accept(attribute(value), lineNumber));
                default -> throw new SdpParseException(lineNumber, "unknown line type " + type + "=");
            }
        }

        private void mediaLine(char type, String value) throws SdpParseException {
            switch (type) {
                case 'm' -> startMedia(value);
                case 'i' -> media.information(singleton(mediaSingletons, type, value));
                case 'c' -> media.connection(Connection.parse(singleton(mediaSingletons, type, value)));
                case 'b' -> media.bandwidth(Bandwidth.parse(value));
                case 'k' -> media.encryptionKey(singleton(mediaSingletons, type, value));
                case 'a' -> media.attribute(mediaRules.accept(attribute(value), lineNumber));
                case 'v', 'o', 's', 'u', 'e', 'p', 't', 'r', 'z' ->
                        throw new SdpParseException(lineNumber, type + "= is not allowed in a media description");
                default -> throw new SdpParseException(lineNumber, "unknown line type " + type + "=");
            }
        }

        private String singleton(Set<Character> seen, char type, String value) throws SdpParseException {
            if (!seen.add(type)) {
                throw new SdpParseException(lineNumber, "duplicate " + type + "= line");
            }
            return value;
        }

        private Attribute attribute(String value) throws SdpParseException {
            int colon = value.indexOf(':');
            String name = colon < 0 ? value : value.substring(0, colon);
            if (!SdpSyntax.isToken(name)) {
                throw new SdpParseException(lineNumber, "attribute name is not a valid token");
            }
            return Attribute.parse(name, colon < 0 ? Optional.empty() : Optional.of(value.substring(colon + 1)));
        }

        private void startMedia(String value) throws SdpParseException {
            if (media != null) {
                finishMedia();
            } else if (timings.isEmpty()) {
                throw new SdpParseException(lineNumber, "missing t= line before the first m= line");
            }
            if (mediaDone.size() >= MAX_MEDIA) {
                throw new SdpParseException(lineNumber, "more than " + MAX_MEDIA + " media descriptions");
            }
            List<String> f = SdpSyntax.fields(value, "m=");
            if (f.size() < 2) {
                throw new SdpParseException(lineNumber, "m= line needs '<media> <port> <proto> <format>...'");
            }
            if (f.size() == 2) {
                throw new SdpParseException(lineNumber, "m= line is missing the proto and formats");
            }
            if (f.size() == 3) {
                throw new SdpParseException(lineNumber, "m= line has no formats");
            }
            if (!SdpSyntax.isToken(f.get(0))) {
                throw new SdpParseException(lineNumber, "m= media type is not a token");
            }
            String[] port = f.get(1).split("/", -1);
            if (port.length > 2) {
                throw new SdpParseException(lineNumber, "m= port is malformed");
            }
            media = MediaDescription.builder(f.get(0), SdpSyntax.parseInt(port[0], 0, 65535, "m= port"), f.get(2));
            if (port.length == 2) {
                media.portCount(SdpSyntax.parseInt(port[1], 1, 65535, "m= port count"));
            }
            boolean rtp = MediaDescription.isRtpProto(f.get(2));
            for (String format : f.subList(3, f.size())) {
                if (rtp && !MediaDescription.isPayloadType(format)) {
                    throw new SdpParseException(lineNumber, "RTP format is not a payload type 0-127");
                }
                media.format(format);
            }
            mediaHeader = media.build();
            mediaLine = lineNumber;
            mediaSingletons = new HashSet<>();
            mediaRules = new AttributeRules(mediaHeader);
        }

        private void finishMedia() throws SdpParseException {
            MediaDescription m;
            try {
                m = media.build();
            } catch (IllegalArgumentException e) {
                throw new SdpParseException(mediaLine, safeMessage(e));
            }
            if (!m.isRejected() && m.connection().isEmpty() && !sessionHasConnection) {
                throw new SdpParseException(mediaLine, "no c= line for media " + m.media() + " on port " + m.port()
                        + " (neither at session nor at media level)");
            }
            mediaRules.checkTelephoneEvents(m);
            mediaDone.add(m);
        }

        private static String safeMessage(IllegalArgumentException e) {
            return e instanceof NumberFormatException || e.getMessage() == null ? "malformed number" : e.getMessage();
        }
    }

    /** Section-level rules about attributes: duplicates, conflicts, and payload types in the m= line. */
    private static final class AttributeRules {
        private final MediaDescription header;
        private final Set<String> singletons = new HashSet<>();
        private final Set<Integer> rtpMapTypes = new HashSet<>();
        private final Map<String, Integer> fmtpLines = new HashMap<>();
        private final Set<Integer> cryptoTags = new HashSet<>();
        private int count;

        AttributeRules(MediaDescription header) {
            this.header = header;
        }

        Attribute accept(Attribute a, int line) throws SdpParseException {
            if (++count > MAX_ATTRIBUTES) {
                throw new SdpParseException(line, "more than " + MAX_ATTRIBUTES + " attributes in one section");
            }
            if (a instanceof DirectionAttribute) {
                once("direction", line, "more than one direction attribute");
            } else if (a instanceof SetupAttribute || a instanceof Ptime || a instanceof MaxPtime
                    || a instanceof RtcpAttribute) {
                once(a.name(), line, "duplicate a=" + a.name());
            } else if (a instanceof RtpMap m) {
                mediaOnly(m, line);
                if (header.isRtp() && !header.formats().contains(Integer.toString(m.payloadType()))) {
                    throw new SdpParseException(line, "a=rtpmap for payload type " + m.payloadType()
                            + " which is not in the m= format list");
                }
                if (!rtpMapTypes.add(m.payloadType())) {
                    throw new SdpParseException(line, "duplicate a=rtpmap for payload type " + m.payloadType());
                }
            } else if (a instanceof Fmtp f) {
                mediaOnly(f, line);
                if (!header.formats().contains(f.format())) {
                    throw new SdpParseException(line, "a=fmtp for format " + abbreviate(f.format())
                            + " which is not in the m= format list");
                }
                if (fmtpLines.putIfAbsent(f.format(), line) != null) {
                    throw new SdpParseException(line, "duplicate a=fmtp for format " + abbreviate(f.format()));
                }
            } else if (a instanceof Crypto c && !cryptoTags.add(c.tag())) {
                throw new SdpParseException(line, "duplicate a=crypto tag " + c.tag());
            }
            return a;
        }

        private void once(String key, int line, String message) throws SdpParseException {
            if (!singletons.add(key)) {
                throw new SdpParseException(line, message);
            }
        }

        private void mediaOnly(Attribute a, int line) throws SdpParseException {
            if (header == null) {
                throw new SdpParseException(line, "a=" + a.name() + " is only allowed in a media description");
            }
        }

        void checkTelephoneEvents(MediaDescription m) throws SdpParseException {
            for (RtpMap map : Attributes.ofType(m.attributes(), RtpMap.class)) {
                String pt = Integer.toString(map.payloadType());
                Integer line = fmtpLines.get(pt);
                if (map.isTelephoneEvent() && line != null) {
                    try {
                        EventSet.parse(m.fmtp(pt).orElseThrow());
                    } catch (IllegalArgumentException e) {
                        throw new SdpParseException(line, "bad telephone-event fmtp: " + e.getMessage());
                    }
                }
            }
        }

        private static String abbreviate(String s) {
            return s.length() <= 16 ? s : s.substring(0, 16) + "...";
        }
    }

}
