/** Call recording from the masked side: the built-in stereo WAV recorder and the external recorder webhook. */
package io.toneguard.server.recording;
