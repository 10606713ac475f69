/** Prompt sets: a catalogue of ids and texts plus one 8 kHz WAV per prompt, validated whole at load. */
package io.toneguard.ivr.prompt;
