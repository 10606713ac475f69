package io.toneguard.media.relay;

import io.netty.buffer.ByteBuf;
import io.toneguard.media.pipeline.DropReason;
import io.toneguard.media.pipeline.PacketContext;
import io.toneguard.media.pipeline.TransformStage;
import io.toneguard.media.rtcp.RtcpBye;
import io.toneguard.media.rtcp.RtcpCompound;
import io.toneguard.media.rtcp.RtcpFeedback;
import io.toneguard.media.rtcp.RtcpPacket;
import io.toneguard.media.rtcp.RtcpReportBlock;
import io.toneguard.media.rtcp.RtcpSdes;
import io.toneguard.media.rtcp.RtcpSenderReport;

/**
 * Keeps RTCP consistent with the rewritten RTP streams, in place, for one direction of a relay.
 *
 * <ul>
 *   <li>What the sending peer says about itself (SR/RR/APP/XR sender, SDES chunks, BYE sources,
 *       feedback sender) takes the SSRC its stream leaves with ({@code sentOnward}); a sender
 *       report carries the packet and octet counts that were really sent onward, and its RTP
 *       timestamp is moved onto the onward timeline.</li>
 *   <li>What it reports about the stream it receives from us (report blocks, feedback media
 *       SSRC) is mapped back to the far side's own SSRC and sequence numbers
 *       ({@code sentBack}).</li>
 * </ul>
 * NTP timestamps are left alone, so LSR/DLSR round-trip times stay right.
 */
public final class RewriteRtcpStage extends TransformStage {
    private final StreamRewriter sentOnward;
    private final StreamRewriter sentBack;

    /**
     * @param sentOnward rewriter of the RTP this peer sends, as it leaves toward the far side
     * @param sentBack rewriter of the RTP the far side sends, as it leaves toward this peer
     */
    public RewriteRtcpStage(StreamRewriter sentOnward, StreamRewriter sentBack) {
        super("rewrite-rtcp");
        this.sentOnward = sentOnward;
        this.sentBack = sentBack;
    }

    @Override
    protected DropReason transform(PacketContext p) {
        ByteBuf buf = p.buffer();
        int out = sentOnward.outputSsrc();
        for (int off = RtcpCompound.first(buf); off >= 0; off = RtcpCompound.next(buf, off)) {
            int type = RtcpPacket.packetType(buf, off);
            switch (type) {
                case RtcpPacket.SR -> {
                    RtcpPacket.setSsrc(buf, off, out);
                    RtcpSenderReport.setPacketCount(buf, off, sentOnward.packetCount() & 0xFFFF_FFFFL);
                    RtcpSenderReport.setOctetCount(buf, off, sentOnward.octetCount() & 0xFFFF_FFFFL);
                    long ts = RtcpSenderReport.rtpTimestamp(buf, off) & 0xFFFF_FFFFL;
                    RtcpSenderReport.setRtpTimestamp(buf, off, (int) sentOnward.outputTimestamp(ts));
                    mapReportBlocks(buf, off);
                }
                case RtcpPacket.RR -> {
                    RtcpPacket.setSsrc(buf, off, out);
                    mapReportBlocks(buf, off);
                }
                case RtcpPacket.SDES -> {
                    for (int i = 0; i < RtcpPacket.count(buf, off); i++) {
                        RtcpSdes.setChunkSsrc(buf, off, i, out);
                    }
                }
                case RtcpPacket.BYE -> {
                    for (int i = 0; i < RtcpBye.sourceCount(buf, off); i++) {
                        RtcpBye.setSsrc(buf, off, i, out);
                    }
                }
                case RtcpPacket.RTPFB, RtcpPacket.PSFB -> {
                    RtcpFeedback.setSenderSsrc(buf, off, out);
                    if (sentBack.started() && RtcpFeedback.mediaSsrc(buf, off) == sentBack.outputSsrc()) {
                        RtcpFeedback.setMediaSsrc(buf, off, sentBack.inputSsrc());
                    }
                }
                default -> {
                    if (RtcpPacket.packetLength(buf, off) >= RtcpPacket.HEADER_LENGTH + 4) {
                        RtcpPacket.setSsrc(buf, off, out); // APP, XR: the sender's SSRC follows the header
                    }
                }
            }
        }
        return DropReason.NONE;
    }

    private void mapReportBlocks(ByteBuf buf, int packet) {
        if (!sentBack.started()) {
            return;
        }
        for (int i = 0; ; i++) {
            int block = RtcpReportBlock.offset(buf, packet, i);
            if (block < 0) {
                return;
            }
            if (RtcpReportBlock.ssrc(buf, block) == sentBack.outputSsrc()) {
                RtcpReportBlock.setSsrc(buf, block, sentBack.inputSsrc());
                long ext = RtcpReportBlock.extendedHighestSequence(buf, block);
                RtcpReportBlock.setExtendedHighestSequence(buf, block, sentBack.inputExtendedSequence(ext));
            }
        }
    }
}
