/** SRTP and SRTCP (RFC 3711) over jitsi-srtp in pure-Java AES: suites, SDES keys (RFC 4568), per-leg sessions and pipeline stages. */
package io.toneguard.media.srtp;
