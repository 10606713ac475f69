/** Signal fixtures for DTMF tests: tones by the numbers of the detection table, noise, speech. */
package io.toneguard.dtmf.testing;
