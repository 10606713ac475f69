/** DTLS-SRTP (RFC 5763, RFC 5764) with BouncyCastle: certificates and fingerprints, the handshake, and SRTP keys from it. */
package io.toneguard.media.dtls;
