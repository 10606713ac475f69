/** SDP (RFC 8866) model, strict parser, writer and RFC 3264 offer/answer for ToneGuard's media legs. */
package io.toneguard.media.sdp;
