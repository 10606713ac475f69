package io.toneguard.ivr.play;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.ivr.prompt.Prompt;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The player's frames: boundaries, continuity across clips and sequences, endings and barge-in. */
class PromptPlayerTest {
    /** A clip whose samples count up from {@code first}, so any gap or repeat shows. */
    static Prompt ramp(String id, int first, int length) {
        short[] s = new short[length];
        for (int i = 0; i < length; i++) {
            s[i] = (short) (first + i);
        }
        return new Prompt(id, id, s);
    }

    private final List<String> ended = new ArrayList<>();
    private final PromptPlayer player = new PromptPlayer(Runnable::run);

    private PlaybackListener record(String name) {
        return (p, how) -> ended.add(name + ":" + how);
    }

    @Test
    void framesRunAcrossClipsAndSequencesWithoutGapsThenSilence() {
        player.play(List.of(ramp("a", 1, 100), ramp("b", 101, 250)), record("first"));
        player.play(List.of(ramp("c", 351, 30)), record("second"));
        short[] out = new short[160 * 3];
        assertTrue(player.fill(out, 0, 160));
        assertEquals(List.of(), ended);
        assertTrue(player.fill(out, 160, 160));
        assertEquals(List.of(), ended, "the first sequence has 30 samples left");
        assertTrue(player.fill(out, 320, 160));
        assertEquals(List.of("first:COMPLETED", "second:COMPLETED"), ended);
        for (int i = 0; i < 380; i++) {
            assertEquals(i + 1, out[i], "sample " + i);
        }
        for (int i = 380; i < out.length; i++) {
            assertEquals(0, out[i], "silence after the end, sample " + i);
        }
        assertFalse(player.active());
        short[] idle = {5, 5, 5};
        assertFalse(player.fill(idle, 0, 3));
        assertArrayEquals(new short[3], idle);
    }

    @Test
    void framesOfAnySizeReadTheSameAudio() {
        player.play(List.of(ramp("a", 1, 500)));
        short[] out = new short[500];
        int at = 0;
        for (int n : new int[] {1, 159, 160, 80, 100}) {
            player.fill(out, at, n);
            at += n;
        }
        for (int i = 0; i < 500; i++) {
            assertEquals(i + 1, out[i]);
        }
    }

    @Test
    void stopEndsTheClipMidwayAndDropsTheQueueAtOnce() {
        Playback first = player.play(List.of(ramp("a", 1, 1000)), record("first"));
        Playback second = player.play(List.of(ramp("b", 1, 1000)), record("second"));
        short[] out = new short[160];
        player.fill(out, 0, 160);
        assertTrue(player.isPlaying());
        player.stop();
        assertFalse(player.isPlaying());
        assertEquals(List.of("first:STOPPED", "second:STOPPED"), ended, "reported by stop() itself");
        assertEquals(PlaybackOutcome.STOPPED, first.outcome());
        assertEquals(PlaybackOutcome.STOPPED, second.outcome());
        Arrays.fill(out, (short) 7);
        assertFalse(player.fill(out, 0, 160), "the very next frame has no prompt audio");
        assertArrayEquals(new short[160], out);
        assertEquals(2, ended.size(), "no second report");

        Playback after = player.play(List.of(ramp("c", 1, 10)), record("after"));
        assertNull(after.outcome());
        assertTrue(player.fill(out, 0, 160), "a play after stop() plays");
        assertEquals(1, out[0]);
        assertEquals(PlaybackOutcome.COMPLETED, after.outcome());
    }

    @Test
    void anEmptySequenceCompletesAtOnce() {
        Playback p = player.play(List.of(), record("empty"));
        assertEquals(0, p.durationMillis());
        assertFalse(player.active());
        assertEquals(List.of("empty:COMPLETED"), ended);
    }

    @Test
    void stopFromAnotherThreadWhileTheMediaThreadReads() throws Exception {
        PromptPlayer shared = new PromptPlayer(Runnable::run);
        // about 140 hours of audio (one array, many times): never runs out while the test spins
        List<Prompt> endless = java.util.Collections.nCopies(1000, new Prompt("long", "long", new short[4_000_000]));
        for (int round = 0; round < 200; round++) {
            CountDownLatch done = new CountDownLatch(1);
            Playback p = shared.play(endless, (pb, how) -> done.countDown());
            short[] frame = new short[160];
            Thread flow = new Thread(shared::stop);
            shared.fill(frame, 0, 160);
            flow.start();
            while (flow.isAlive()) {
                shared.fill(frame, 0, 160);
            }
            flow.join();
            assertFalse(shared.fill(frame, 0, 160), "round " + round);
            assertTrue(done.await(1, TimeUnit.SECONDS));
            assertEquals(PlaybackOutcome.STOPPED, p.outcome());
        }
    }

    @Test
    void listenersRunOnTheGivenExecutor() {
        List<Runnable> tasks = new ArrayList<>();
        PromptPlayer deferred = new PromptPlayer(tasks::add);
        deferred.play(List.of(ramp("a", 1, 10)), record("a"));
        deferred.fill(new short[160], 0, 160);
        assertEquals(List.of(), ended);
        assertEquals(1, tasks.size());
        tasks.get(0).run();
        assertEquals(List.of("a:COMPLETED"), ended);
        assertEquals(1, new Playback(List.of(ramp("x", 0, 8000)), PlaybackListener.NONE, 0).durationMillis() / 1000);
    }
}
