/** Offline commands over WAV files: {@code scan} finds DTMF tones, {@code mask} hides them as the live pipeline does. */
package io.toneguard.server.cli;
