package io.toneguard.media.sdp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * RFC 3264 offer/answer for ToneGuard's audio legs: answering an offer from capabilities,
 * creating offers (optionally restricted to another leg's offer), checking an answer against its
 * offer, and recognising hold.
 */
public final class OfferAnswer {
    private static final int FIRST_DYNAMIC_PT = 96;
    private static final int LAST_DYNAMIC_PT = 127;

    private OfferAnswer() {
    }

    // ---------------------------------------------------------------- answer

    /**
     * Answers an offer: same m-lines in the same order; unsupported or codec-less lines rejected
     * with port 0; accepted lines get the offerer's payload types for the common codecs (in the
     * offerer's order), the common telephone-events, the mirrored direction and rtcp-mux if both
     * sides support it.
     *
     * @throws SdpNegotiationException when no m-line can be accepted (SIP: 488), with the reasons
     */
    public static SessionDescription answer(SessionDescription offer, MediaCapabilities capabilities,
                                            Connection local, LocalPorts ports) throws SdpNegotiationException {
        if (offer.media().isEmpty()) {
            throw new SdpNegotiationException("offer has no media");
        }
        List<MediaDescription> answered = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        boolean anyAccepted = false;
        for (int i = 0; i < offer.media().size(); i++) {
            MediaDescription m = offer.media().get(i);
            String reason = rejectionReason(m, capabilities);
            MediaDescription line = null;
            if (reason == null) {
                line = answerAudio(offer, m, capabilities, ports.portFor(i));
                if (line == null) {
                    reason = noCommonCodec(m, capabilities);
                }
            }
            if (line == null) {
                reasons.add(offer.media().size() == 1 ? reason : "m-line " + i + " (" + m.media() + "): " + reason);
                line = MediaDescription.builder(m.media(), 0, m.proto()).formats(m.formats()).build();
            } else {
                anyAccepted = true;
            }
            answered.add(line);
        }
        if (!anyAccepted) {
            throw new SdpNegotiationException(String.join("; ", reasons));
        }
        return SessionDescription.builder(Origin.fresh(capabilities.originUsername(), local))
                .sessionName(capabilities.sessionName())
                .connection(local)
                .media(answered)
                .build();
    }

    private static String rejectionReason(MediaDescription m, MediaCapabilities caps) {
        if (m.isRejected()) {
            return "stream disabled in the offer (port 0)";
        }
        if (!m.media().equals("audio")) {
            return "media type " + m.media() + " not supported";
        }
        if (!caps.protocols().contains(m.proto())) {
            return "transport " + m.proto() + " not supported";
        }
        return null;
    }

    private static MediaDescription answerAudio(SessionDescription offer, MediaDescription m,
                                                MediaCapabilities caps, int port) {
        List<String> formats = new ArrayList<>();
        List<Attribute> attributes = new ArrayList<>();
        RtpMap primary = null;
        for (RtpMap map : m.rtpMaps()) {
            if (map.isTelephoneEvent() || !caps.supports(map)) {
                continue;
            }
            formats.add(Integer.toString(map.payloadType()));
            attributes.add(map);
            m.fmtp(map.payloadType()).ifPresent(p -> attributes.add(new Fmtp(Integer.toString(map.payloadType()), p)));
            if (primary == null && !map.isComfortNoise()) {
                primary = map;
            }
        }
        if (primary == null) {
            return null;
        }
        if (caps.telephoneEvents().isPresent()) {
            for (TelephoneEvent te : m.telephoneEvents()) {
                EventSet common = te.events().intersect(caps.telephoneEvents().get());
                if (te.clockRate() == primary.clockRate() && !common.isEmpty()) {
                    formats.add(Integer.toString(te.payloadType()));
                    attributes.add(new RtpMap(te.payloadType(), "telephone-event", te.clockRate()));
                    attributes.add(new Fmtp(Integer.toString(te.payloadType()), common.toString()));
                    break;
                }
            }
        }
        caps.ptime().ifPresent(p -> attributes.add(new Ptime(p)));
        if (caps.rtcpMux() && m.rtcpMux()) {
            attributes.add(Attribute.flag(Attribute.RTCP_MUX));
        }
        attributes.add(offeredDirection(offer, m).reverse().intersect(caps.direction()).toAttribute());
        return MediaDescription.builder("audio", port, m.proto()).formats(formats).attributes(attributes).build();
    }

    /**
     * The writer's direction; c=0.0.0.0 (RFC 2543 hold) means it does not want to receive, except
     * with ICE (a=ice-ufrag), where 0.0.0.0 only says the address comes from the candidates.
     */
    private static Direction offeredDirection(SessionDescription sdp, MediaDescription m) {
        Direction d = sdp.direction(m);
        boolean ice = m.hasAttribute("ice-ufrag") || !sdp.attributes("ice-ufrag").isEmpty();
        boolean unspecified = !ice && sdp.connection(m).map(Connection::isUnspecified).orElse(false);
        return unspecified ? Direction.of(d.sends(), false) : d;
    }

    private static String noCommonCodec(MediaDescription m, MediaCapabilities caps) {
        List<String> offered = new ArrayList<>();
        for (int pt : m.payloadTypes()) {
            offered.add(m.rtpMap(pt).map(RtpMap::encoding).orElse("payload type " + pt));
        }
        return "no common codec: offered " + offered + ", supported " + caps.codecs();
    }

    // ---------------------------------------------------------------- offer

    /** A first offer for an outgoing leg: one audio m-line from the capabilities, with a fresh origin. */
    public static SessionDescription createOffer(MediaCapabilities capabilities, Connection local, int port) {
        Set<Integer> used = new HashSet<>();
        used.add(capabilities.telephoneEventPayloadType());
        List<RtpMap> codecs = new ArrayList<>();
        for (Codec c : capabilities.codecs()) {
            int pt = StaticPayloadTypes.forEncoding(c.encodingName(), c.clockRate(), c.channels())
                    .orElseGet(() -> nextDynamic(used));
            used.add(pt);
            codecs.add(c.toRtpMap(pt));
        }
        List<TelephoneEvent> events = new ArrayList<>();
        capabilities.telephoneEvents().ifPresent(set -> {
            Set<Integer> rates = new LinkedHashSet<>();
            codecs.stream().filter(c -> !c.isComfortNoise()).forEach(c -> rates.add(c.clockRate()));
            boolean first = true;
            for (int rate : rates) {
                int pt = first ? capabilities.telephoneEventPayloadType() : nextDynamic(used);
                used.add(pt);
                events.add(new TelephoneEvent(pt, rate, set));
                first = false;
            }
        });
        return offer(capabilities, local, port, codecs, events);
    }

    /**
     * An offer for the outgoing leg restricted to what another leg's offer contains: our codecs
     * (in our order) that the other offer has, under its payload type numbers, and the common
     * telephone-events.
     *
     * @throws SdpNegotiationException when the other offer has no usable audio or no common codec
     */
    public static SessionDescription createOffer(MediaCapabilities capabilities, Connection local, int port,
                                                 SessionDescription otherLegOffer) throws SdpNegotiationException {
        MediaDescription other = otherLegOffer.media().stream()
                .filter(m -> !m.isRejected() && m.media().equals("audio") && m.isRtp())
                .findFirst()
                .orElseThrow(() -> new SdpNegotiationException("other leg offers no RTP audio"));
        List<RtpMap> codecs = new ArrayList<>();
        for (Codec c : capabilities.codecs()) {
            other.rtpMaps().stream().filter(c::matches).findFirst()
                    .ifPresent(map -> codecs.add(c.toRtpMap(map.payloadType())));
        }
        if (codecs.stream().allMatch(RtpMap::isComfortNoise)) {
            throw new SdpNegotiationException(noCommonCodec(other, capabilities));
        }
        Set<Integer> rates = codecs.stream().map(RtpMap::clockRate).collect(Collectors.toSet());
        List<TelephoneEvent> events = new ArrayList<>();
        capabilities.telephoneEvents().ifPresent(set -> {
            for (TelephoneEvent te : other.telephoneEvents()) {
                EventSet common = te.events().intersect(set);
                if (rates.contains(te.clockRate()) && !common.isEmpty()
                        && events.stream().noneMatch(e -> e.clockRate() == te.clockRate())) {
                    events.add(new TelephoneEvent(te.payloadType(), te.clockRate(), common));
                }
            }
        });
        return offer(capabilities, local, port, codecs, events);
    }

    private static SessionDescription offer(MediaCapabilities caps, Connection local, int port, List<RtpMap> codecs,
                                            List<TelephoneEvent> events) {
        MediaDescription.Builder m = MediaDescription.builder("audio", port, caps.protocols().get(0));
        codecs.forEach(m::rtpMap);
        for (TelephoneEvent te : events) {
            m.rtpMap(new RtpMap(te.payloadType(), "telephone-event", te.clockRate()));
            m.attribute(new Fmtp(Integer.toString(te.payloadType()), te.events().toString()));
        }
        caps.ptime().ifPresent(p -> m.attribute(new Ptime(p)));
        if (caps.rtcpMux()) {
            m.attribute(Attribute.flag(Attribute.RTCP_MUX));
        }
        m.attribute(caps.direction().toAttribute());
        return SessionDescription.builder(Origin.fresh(caps.originUsername(), local))
                .sessionName(caps.sessionName())
                .connection(local)
                .media(m.build())
                .build();
    }

    private static int nextDynamic(Set<Integer> used) {
        for (int pt = FIRST_DYNAMIC_PT; pt <= LAST_DYNAMIC_PT; pt++) {
            if (!used.contains(pt)) {
                return pt;
            }
        }
        throw new IllegalArgumentException("more codecs than dynamic payload types");
    }

    // ---------------------------------------------------------------- negotiate

    /**
     * Checks an answer against its offer and says, per m-line, what ToneGuard sends where. The
     * remote side is the answerer when {@code localRole} is OFFERER, and the offerer otherwise.
     *
     * @throws SdpNegotiationException when the answer does not fit the offer (m-line count or
     *                                 types, formats not offered, direction, rtcp-mux)
     */
    public static List<NegotiatedMedia> negotiate(SessionDescription offer, SessionDescription answer,
                                                  LocalRole localRole) throws SdpNegotiationException {
        if (offer.media().size() != answer.media().size()) {
            throw new SdpNegotiationException("answer has " + answer.media().size() + " m-lines, offer has "
                    + offer.media().size());
        }
        List<NegotiatedMedia> out = new ArrayList<>();
        for (int i = 0; i < offer.media().size(); i++) {
            out.add(negotiateLine(i, offer, answer, localRole));
        }
        return List.copyOf(out);
    }

    private static NegotiatedMedia negotiateLine(int i, SessionDescription offer, SessionDescription answer,
                                                 LocalRole role) throws SdpNegotiationException {
        MediaDescription o = offer.media().get(i);
        MediaDescription a = answer.media().get(i);
        String where = "m-line " + i + ": ";
        if (!o.media().equals(a.media())) {
            throw new SdpNegotiationException(where + "answer media " + a.media() + " does not match offer " + o.media());
        }
        if (a.isRejected()) {
            return new NegotiatedMedia.Rejected(i, o.media(), o.isRejected() ? "disabled in the offer" : "rejected by the answerer");
        }
        if (o.isRejected()) {
            throw new SdpNegotiationException(where + "answer accepts a stream the offer disabled");
        }
        if (!o.proto().equals(a.proto())) {
            throw new SdpNegotiationException(where + "answer transport " + a.proto() + " differs from offer " + o.proto());
        }
        if (!a.isRtp()) {
            return new NegotiatedMedia.Rejected(i, o.media(), "not an RTP stream");
        }
        RtpMap answerCodec = null;
        RtpMap offerCodec = null;
        for (int pt : a.payloadTypes()) {
            RtpMap am = a.rtpMap(pt).orElseThrow(() ->
                    new SdpNegotiationException(where + "answer payload type " + pt + " has no rtpmap"));
            RtpMap om = offeredMatch(o, am).orElseThrow(() ->
                    new SdpNegotiationException(where + "answer format " + am.encoding() + " was not offered"));
            if (answerCodec == null && !am.isTelephoneEvent() && !am.isComfortNoise()) {
                answerCodec = am;
                offerCodec = om;
            }
        }
        if (answerCodec == null) {
            throw new SdpNegotiationException(where + "answer selects no audio codec");
        }
        Direction offered = offer.direction(o);
        Direction answered = answer.direction(a);
        if (answered.intersect(offered.reverse()) != answered) {
            throw new SdpNegotiationException(where + "answer direction " + answered.attributeName()
                    + " does not fit offer direction " + offered.attributeName());
        }
        if (a.rtcpMux() && !o.rtcpMux()) {
            throw new SdpNegotiationException(where + "answer has rtcp-mux but the offer did not");
        }
        boolean offerer = role == LocalRole.OFFERER;
        SessionDescription remote = offerer ? answer : offer;
        MediaDescription remoteMedia = offerer ? a : o;
        RtpMap codec = offerer ? answerCodec : offerCodec;
        Connection connection = remote.connection(remoteMedia).orElseThrow(() ->
                new SdpNegotiationException(where + "no connection address"));
        Direction local = offerer ? answered.reverse() : answered;
        if (connection.isUnspecified()) {
            local = Direction.of(false, local.receives());
        }
        boolean mux = a.rtcpMux();
        TransportAddress rtp = new TransportAddress(connection.address(), remoteMedia.port());
        TransportAddress rtcp = mux ? rtp : remoteMedia.rtcp()
                .map(r -> new TransportAddress(r.connection().orElse(connection).address(), r.port()))
                .orElse(new TransportAddress(connection.address(), Math.min(remoteMedia.port() + 1, 65535)));
        return new NegotiatedMedia.Accepted(i, o.media(), codec, telephoneEvent(o, a, codec.clockRate(), offerer),
                rtp, rtcp, mux, local, remoteMedia.ptime());
    }

    private static Optional<RtpMap> offeredMatch(MediaDescription offer, RtpMap answered) {
        Optional<RtpMap> samePt = offer.rtpMap(answered.payloadType())
                .filter(m -> m.lowerCaseKey().equals(answered.lowerCaseKey()))
                .filter(m -> offer.payloadTypes().contains(answered.payloadType()));
        return samePt.or(() -> offer.rtpMaps().stream()
                .filter(m -> m.lowerCaseKey().equals(answered.lowerCaseKey())).findFirst());
    }

    private static Optional<TelephoneEvent> telephoneEvent(MediaDescription offer, MediaDescription answer,
                                                           int clockRate, boolean localIsOfferer) {
        Optional<TelephoneEvent> o = offer.telephoneEvents().stream().filter(t -> t.clockRate() == clockRate).findFirst();
        Optional<TelephoneEvent> a = answer.telephoneEvents().stream().filter(t -> t.clockRate() == clockRate).findFirst();
        if (o.isEmpty() || a.isEmpty()) {
            return Optional.empty();
        }
        EventSet common = o.get().events().intersect(a.get().events());
        if (common.isEmpty()) {
            return Optional.empty();
        }
        int pt = (localIsOfferer ? a : o).get().payloadType();
        return Optional.of(new TelephoneEvent(pt, clockRate, common));
    }

    // ---------------------------------------------------------------- hold

    /**
     * True when this m-line puts the other side on hold: a=sendonly or a=inactive (at media or
     * session level), or the RFC 2543 style c=0.0.0.0 (without ICE).
     */
    public static boolean isHold(SessionDescription sdp, MediaDescription m) {
        if (m.isRejected()) {
            return false;
        }
        return !offeredDirection(sdp, m).receives();
    }

    /** True when every active m-line of the description is on hold (and there is at least one). */
    public static boolean isHold(SessionDescription sdp) {
        List<MediaDescription> active = sdp.media().stream().filter(m -> !m.isRejected()).toList();
        return !active.isEmpty() && active.stream().allMatch(m -> isHold(sdp, m));
    }
}
