package io.toneguard.media.sdp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What ToneGuard accepts and offers on an audio leg: codecs in preference order, RFC 4733 events,
 * rtcp-mux, packet time, the local direction, RTP profiles and the o=/s= names it writes.
 */
public record MediaCapabilities(List<Codec> codecs, Optional<EventSet> telephoneEvents, int telephoneEventPayloadType,
                                boolean rtcpMux, OptionalInt ptime, Direction direction, List<String> protocols,
                                String originUsername, String sessionName) {

    /** PCMU, PCMA, telephone-event 0-16 on 101, rtcp-mux, 20 ms, sendrecv, RTP/AVP. */
    public static final MediaCapabilities DEFAULT = new MediaCapabilities(List.of(Codec.PCMU, Codec.PCMA),
            Optional.of(EventSet.DTMF_AND_FLASH), 101, true, OptionalInt.of(20), Direction.SENDRECV,
            List.of("RTP/AVP"), "-", "-");

    public MediaCapabilities {
        codecs = List.copyOf(codecs);
        if (codecs.isEmpty()) {
            throw new IllegalArgumentException("at least one codec is required");
        }
        Objects.requireNonNull(telephoneEvents, "telephoneEvents");
        if (telephoneEventPayloadType < 96 || telephoneEventPayloadType > 127) {
            throw new IllegalArgumentException("telephone-event payload type must be dynamic (96-127)");
        }
        Objects.requireNonNull(ptime, "ptime");
        Objects.requireNonNull(direction, "direction");
        protocols = List.copyOf(protocols);
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("at least one RTP profile is required");
        }
        SdpSyntax.requireToken(originUsername, "origin username");
        SdpSyntax.requireText(sessionName, "session name");
    }

    public MediaCapabilities withCodecs(List<Codec> c) {
        return new MediaCapabilities(c, telephoneEvents, telephoneEventPayloadType, rtcpMux, ptime, direction,
                protocols, originUsername, sessionName);
    }

    /** Supported events, or null for no telephone-event support. */
    public MediaCapabilities withTelephoneEvents(EventSet events) {
        return new MediaCapabilities(codecs, Optional.ofNullable(events), telephoneEventPayloadType, rtcpMux, ptime,
                direction, protocols, originUsername, sessionName);
    }

    public MediaCapabilities withRtcpMux(boolean mux) {
        return new MediaCapabilities(codecs, telephoneEvents, telephoneEventPayloadType, mux, ptime, direction,
                protocols, originUsername, sessionName);
    }

    /** Preferred packet time in ms, or 0 for none. */
    public MediaCapabilities withPtime(int millis) {
        return new MediaCapabilities(codecs, telephoneEvents, telephoneEventPayloadType, rtcpMux,
                millis == 0 ? OptionalInt.empty() : OptionalInt.of(millis), direction, protocols, originUsername,
                sessionName);
    }

    public MediaCapabilities withDirection(Direction d) {
        return new MediaCapabilities(codecs, telephoneEvents, telephoneEventPayloadType, rtcpMux, ptime, d,
                protocols, originUsername, sessionName);
    }

    public MediaCapabilities withProtocols(List<String> p) {
        return new MediaCapabilities(codecs, telephoneEvents, telephoneEventPayloadType, rtcpMux, ptime, direction,
                p, originUsername, sessionName);
    }

    boolean supports(RtpMap map) {
        return codecs.stream().anyMatch(c -> c.matches(map));
    }
}
