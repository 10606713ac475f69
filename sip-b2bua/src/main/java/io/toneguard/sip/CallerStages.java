package io.toneguard.sip;

import io.toneguard.media.pipeline.MediaStage;
import java.util.List;

/**
 * Supplies the stages of a call's caller -> agent direction (DTMF detection and masking): the
 * server provides them, the B2BUA puts them in the relay from the first packet.
 */
@FunctionalInterface
public interface CallerStages {
    /**
     * @param call the call
     * @param telephoneEventPt the payload type of telephone-events on the caller's leg, -1 if none
     */
    List<MediaStage> create(CallInfo call, int telephoneEventPt);
}
