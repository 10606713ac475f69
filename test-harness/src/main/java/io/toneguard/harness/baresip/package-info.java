/** Runs baresip (Debian) headless as a real SIP/SRTP softphone: audio from a WAV file, what it hears dumped to WAV. */
package io.toneguard.harness.baresip;
