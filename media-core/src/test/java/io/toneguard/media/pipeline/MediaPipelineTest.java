package io.toneguard.media.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.toneguard.media.testing.NettyLeakGuard;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class MediaPipelineTest {
    private static final InetSocketAddress FROM = new InetSocketAddress("127.0.0.1", 9);

    @AfterAll
    static void noLeaks() {
        NettyLeakGuard.assertNoLeaks();
    }

    /** Collects what reaches the end, releasing it as a real sink would after sending. */
    static final class CollectingSink extends SinkStage {
        final List<Integer> firstBytes = new ArrayList<>();

        CollectingSink() {
            super("collect");
        }

        @Override
        protected DropReason consume(PacketContext p) {
            ByteBuf b = p.handOff();
            firstBytes.add((int) b.getUnsignedByte(b.readerIndex()));
            b.release();
            return DropReason.NONE;
        }
    }

    private static PacketContext packet(PacketContext ctx, int firstByte) {
        ByteBuf b = Unpooled.directBuffer(4).writeByte(firstByte).writeZero(3);
        return ctx.reset(b, FROM, System.nanoTime());
    }

    @Test
    void stagesRunInDeclaredOrderAndCountInOutAndDrops() {
        List<String> seen = new ArrayList<>();
        ObserverStage observe = new ObserverStage("observe") {
            @Override
            protected void observe(PacketContext p) {
                seen.add("observe");
            }
        };
        FilterStage evenOnly = new FilterStage("even-only", DropReason.UNKNOWN_PAYLOAD_TYPE) {
            @Override
            protected boolean test(PacketContext p) {
                seen.add("filter");
                return (p.buffer().getByte(0) & 1) == 0;
            }
        };
        TransformStage plusOne = new TransformStage("plus-one") {
            @Override
            protected DropReason transform(PacketContext p) {
                seen.add("transform");
                p.buffer().setByte(0, p.buffer().getByte(0) + 1);
                return DropReason.NONE;
            }
        };
        CollectingSink sink = new CollectingSink();
        MediaPipeline pipeline = MediaPipeline.builder("test").then(observe).then(evenOnly).then(plusOne).sink(sink);

        PacketContext ctx = new PacketContext();
        for (int i = 0; i < 10; i++) {
            pipeline.receive(packet(ctx, i));
            assertFalse(ctx.holdsBuffer());
        }
        assertEquals(List.of(1, 3, 5, 7, 9), sink.firstBytes);
        assertEquals(10, observe.stats().packetsIn());
        assertEquals(10, observe.stats().packetsOut());
        assertEquals(10, evenOnly.stats().packetsIn());
        assertEquals(5, evenOnly.stats().packetsOut());
        assertEquals(5, evenOnly.stats().dropped(DropReason.UNKNOWN_PAYLOAD_TYPE));
        assertEquals(40, evenOnly.stats().bytesIn());
        assertEquals(5, sink.stats().packetsOut());
        assertEquals(List.of("observe", "filter", "transform"), seen.subList(0, 3));
        assertTrue(pipeline.describe().contains("even-only: in=10 out=5 unknown_payload_type=5"), pipeline.describe());
    }

    @Test
    void aFailingStageDropsThePacketAndTheStreamGoesOn() {
        TransformStage flaky = new TransformStage("flaky") {
            @Override
            protected DropReason transform(PacketContext p) {
                if (p.buffer().getByte(0) == 3) {
                    throw new IllegalStateException("boom");
                }
                return DropReason.NONE;
            }
        };
        CollectingSink sink = new CollectingSink();
        MediaPipeline pipeline = MediaPipeline.builder("flaky").then(flaky).sink(sink);
        PacketContext ctx = new PacketContext();
        for (int i = 0; i < 6; i++) {
            pipeline.receive(packet(ctx, i));
        }
        assertEquals(List.of(0, 1, 2, 4, 5), sink.firstBytes);
        assertEquals(1, pipeline.errors());
        assertNull(ctx.buffer());
    }

    @Test
    void removalsAreReportedBeforeRelease() {
        List<Integer> removed = new ArrayList<>();
        TransformStage removeOdd = new TransformStage("remove-odd") {
            @Override
            protected DropReason transform(PacketContext p) {
                return (p.buffer().getByte(0) & 1) == 1 ? DropReason.REMOVED : DropReason.NONE;
            }
        };
        CollectingSink sink = new CollectingSink();
        MediaPipeline pipeline = MediaPipeline.builder("remove")
                .onRemoved(p -> removed.add((int) p.buffer().getByte(0)))
                .then(removeOdd)
                .sink(sink);
        PacketContext ctx = new PacketContext();
        for (int i = 0; i < 5; i++) {
            pipeline.receive(packet(ctx, i));
        }
        assertEquals(List.of(1, 3), removed);
        assertEquals(List.of(0, 2, 4), sink.firstBytes);
    }

    @Test
    void sinkFailureReleasesTheBuffer() {
        SinkStage refusing = new SinkStage("refuse") {
            @Override
            protected DropReason consume(PacketContext p) {
                return DropReason.NO_DESTINATION;
            }
        };
        MediaPipeline pipeline = MediaPipeline.builder("refuse").sink(refusing);
        PacketContext ctx = new PacketContext();
        pipeline.receive(packet(ctx, 1));
        assertNull(ctx.buffer());
        assertEquals(1, refusing.stats().dropped(DropReason.NO_DESTINATION));
    }

    @Test
    void contextRefusesANewPacketWhileHoldingOne() {
        PacketContext ctx = new PacketContext();
        packet(ctx, 1);
        ByteBuf second = Unpooled.buffer(1);
        assertThrows(IllegalStateException.class, () -> ctx.reset(second, FROM, 0));
        second.release();
        ctx.release();
    }

    @Test
    void aSinkCannotBeAddedAsAnIntermediateStage() {
        assertThrows(IllegalArgumentException.class, () -> MediaPipeline.builder("x").then(new CollectingSink()));
    }
}
