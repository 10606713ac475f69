/** The in-band DTMF detector: a Goertzel filter bank with ITU-T Q.24 acceptance tests. */
package io.toneguard.dtmf.inband;
