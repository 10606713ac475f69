/** The payment IVR: prompt sets ({@code prompt}), saying numbers and amounts ({@code say}), playback into a call ({@code play}). */
package io.toneguard.ivr;
