package io.toneguard.ivr.prompt;

/**
 * One recorded prompt: its id, the words it says, and its audio as 8 kHz 16-bit linear samples.
 * The samples array is shared, never modified, and must not be changed by callers.
 *
 * @param id the catalogue id (also the file name, {@code <id>.wav})
 * @param text what the recording says
 * @param samples the audio at 8000 Hz
 */
public record Prompt(String id, String text, short[] samples) {
    /** Duration in milliseconds at 8 kHz. */
    public long durationMillis() {
        return samples.length / 8L;
    }

    /** Id and length only. */
    @Override
    public String toString() {
        return "Prompt[" + id + ", " + durationMillis() + " ms]";
    }
}
