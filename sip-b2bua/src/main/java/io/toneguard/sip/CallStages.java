package io.toneguard.sip;

import io.toneguard.media.pipeline.MediaStage;
import java.util.List;

/**
 * Supplies a call's extra media stages: caller -> agent (DTMF detection and masking, then taps
 * that may only see masked audio) and agent -> caller (taps, prompt injection). The server
 * provides them; the B2BUA puts them in the relay from the first packet.
 */
@FunctionalInterface
public interface CallStages {
    /** No extra stages either way. */
    CallStages NONE = (call, pt) -> new Stages(List.of(), List.of());

    /**
     * @param call the call
     * @param telephoneEventPt the payload type of telephone-events on the caller's leg, -1 if none
     */
    Stages create(CallInfo call, int telephoneEventPt);

    /** The stages of each direction, in order. */
    record Stages(List<MediaStage> callerToAgent, List<MediaStage> agentToCaller) {
        public Stages {
            callerToAgent = List.copyOf(callerToAgent);
            agentToCaller = List.copyOf(agentToCaller);
        }
    }
}
