package io.toneguard.media.relay;

import io.toneguard.media.pipeline.DropReason;
import io.toneguard.media.pipeline.PacketContext;
import io.toneguard.media.pipeline.PacketKind;
import io.toneguard.media.pipeline.TransformStage;
import io.toneguard.media.rtcp.RtcpCompound;
import io.toneguard.media.rtcp.RtcpValidation;

/** Validates an RTCP compound packet (reduced-size RTCP, RFC 5506, allowed) or drops it, counted by cause. */
public final class ParseRtcpStage extends TransformStage {
    private final long[] invalid = new long[RtcpValidation.values().length];

    public ParseRtcpStage() {
        super("parse-rtcp");
    }

    @Override
    protected DropReason transform(PacketContext p) {
        RtcpValidation v = RtcpCompound.validate(p.buffer(), true);
        if (v != RtcpValidation.VALID) {
            invalid[v.ordinal()]++;
            return DropReason.MALFORMED_RTCP;
        }
        p.kind(PacketKind.RTCP);
        return DropReason.NONE;
    }

    public long invalid(RtcpValidation why) {
        return invalid[why.ordinal()];
    }
}
