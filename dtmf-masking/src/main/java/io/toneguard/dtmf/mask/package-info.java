/** The delay line and masker that replace every DTMF tone toward the agent and the recording. */
package io.toneguard.dtmf.mask;
