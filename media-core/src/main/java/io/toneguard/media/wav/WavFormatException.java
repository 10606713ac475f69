package io.toneguard.media.wav;

/** A file that is not a WAV file ToneGuard can use; the message says why, in words. */
public final class WavFormatException extends Exception {
    public WavFormatException(String message) {
        super(message);
    }
}
