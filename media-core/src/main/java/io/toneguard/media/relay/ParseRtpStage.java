package io.toneguard.media.relay;

import io.toneguard.media.pipeline.DropReason;
import io.toneguard.media.pipeline.PacketContext;
import io.toneguard.media.pipeline.PacketKind;
import io.toneguard.media.pipeline.TransformStage;
import io.toneguard.media.rtp.RtpValidation;

/** Types the datagram as RTP (wrapping the context's RTP view) or drops it as malformed, counted by cause. */
public final class ParseRtpStage extends TransformStage {
    private final long[] invalid = new long[RtpValidation.values().length];

    public ParseRtpStage() {
        super("parse-rtp");
    }

    @Override
    protected DropReason transform(PacketContext p) {
        RtpValidation v = p.rtp().wrap(p.buffer());
        if (v != RtpValidation.VALID) {
            invalid[v.ordinal()]++;
            return DropReason.MALFORMED_RTP;
        }
        p.kind(PacketKind.RTP);
        return DropReason.NONE;
    }

    /** Packets refused for one validation failure. */
    public long invalid(RtpValidation why) {
        return invalid[why.ordinal()];
    }
}
