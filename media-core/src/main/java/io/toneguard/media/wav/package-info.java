/** WAV files (RIFF/WAVE) of 8 kHz telephone audio: PCM16, mu-law and A-law, read strictly and written. */
package io.toneguard.media.wav;
