package io.toneguard.media.sdp;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/** The outcome of offer/answer for one m-line: what to send where, or that the stream is rejected. */
public sealed interface NegotiatedMedia permits NegotiatedMedia.Accepted, NegotiatedMedia.Rejected {

    /** Position of the m-line in the descriptions. */
    int index();

    String mediaType();

    /**
     * An active stream. {@code codec} and {@code telephoneEvent} carry the payload type numbers to
     * send with (the remote side's); {@code direction} is from ToneGuard's point of view;
     * {@code ptime} is the packet time the remote side asked for.
     */
    record Accepted(int index, String mediaType, RtpMap codec, Optional<TelephoneEvent> telephoneEvent,
                    TransportAddress remoteRtp, TransportAddress remoteRtcp, boolean rtcpMux, Direction direction,
                    OptionalInt ptime) implements NegotiatedMedia {
        public Accepted {
            Objects.requireNonNull(codec, "codec");
            Objects.requireNonNull(telephoneEvent, "telephoneEvent");
            Objects.requireNonNull(remoteRtp, "remoteRtp");
            Objects.requireNonNull(remoteRtcp, "remoteRtcp");
            Objects.requireNonNull(direction, "direction");
            Objects.requireNonNull(ptime, "ptime");
        }
    }

    /** A stream with port 0 in the offer or the answer. */
    record Rejected(int index, String mediaType, String reason) implements NegotiatedMedia {
    }
}
