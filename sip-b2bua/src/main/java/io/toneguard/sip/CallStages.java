package io.toneguard.sip;

import io.netty.channel.EventLoop;
import io.toneguard.media.pipeline.MediaStage;
import io.toneguard.media.relay.RtpRelay;
import java.util.List;

/**
 * Supplies a call's extra media stages: caller -> agent (DTMF detection and masking, then taps
 * that may only see masked audio) and agent -> caller (taps, prompt injection). The server
 * provides them; the B2BUA puts them in the relay from the first packet.
 */
@FunctionalInterface
public interface CallStages {
    /** No extra stages either way. */
    CallStages NONE = (call, pt) -> new Stages(List.of(), List.of(), RelayStarted.NONE);

    /**
     * @param call the call
     * @param telephoneEventPt the payload type of telephone-events on the caller's leg, -1 if none
     */
    Stages create(CallInfo call, int telephoneEventPt);

    /**
     * The stages of each direction, in order, and what to do once the relay runs (e.g. schedule
     * packet generation toward the caller on the call's event loop).
     */
    record Stages(List<MediaStage> callerToAgent, List<MediaStage> agentToCaller, RelayStarted started) {
        public Stages {
            callerToAgent = List.copyOf(callerToAgent);
            agentToCaller = List.copyOf(agentToCaller);
            java.util.Objects.requireNonNull(started, "started");
        }
    }

    /** Told once when a call's relay starts; called on a SIP thread, must be fast and not throw. */
    @FunctionalInterface
    interface RelayStarted {
        RelayStarted NONE = (relay, loop) -> { };

        /** @param loop the call's media event loop (both legs and the relay run on it) */
        void started(RtpRelay relay, EventLoop loop);
    }
}
