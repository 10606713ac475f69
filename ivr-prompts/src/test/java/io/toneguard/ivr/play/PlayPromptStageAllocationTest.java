package io.toneguard.ivr.play;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.toneguard.ivr.prompt.Prompt;
import io.toneguard.media.pipeline.DropReason;
import io.toneguard.media.pipeline.MediaPipeline;
import io.toneguard.media.pipeline.PacketContext;
import io.toneguard.media.pipeline.SinkStage;
import io.toneguard.media.relay.ParseRtpStage;
import io.toneguard.media.testing.AllocationMeter;
import io.toneguard.media.testing.RtpPackets;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replacing agent payloads with prompt frames allocates nothing per packet. */
class PlayPromptStageAllocationTest {
    @Test
    void relayingAPacketWhilePlayingAllocatesNothing() {
        PromptPlayer player = new PromptPlayer(Runnable::run);
        PlayPromptStage stage = new PlayPromptStage(player, 0);
        SinkStage keep = new SinkStage("keep") {
            @Override
            protected DropReason consume(PacketContext p) {
                p.handOff().release(); // back to the one reference the test holds
                return DropReason.NONE;
            }
        };
        MediaPipeline pipeline = MediaPipeline.builder("agent->caller").then(new ParseRtpStage()).then(stage).sink(keep);
        ByteBuf packet = Unpooled.wrappedBuffer(RtpPackets.rtp(0, false, 1, 0, 7, new byte[160]));
        PacketContext context = new PacketContext();
        InetSocketAddress from = new InetSocketAddress("127.0.0.1", 6000);
        player.play(List.of(new Prompt("long", "long", new short[8000 * 600])));
        long bytes = AllocationMeter.allocatedBytes(() -> {
            for (int i = 0; i < 1000; i++) {
                pipeline.receive(context.reset(packet.retain(), from, i));
            }
        });
        assertEquals(0, bytes);
        assertEquals(8 * 1000, stage.promptPackets());
        packet.release();
    }
}
