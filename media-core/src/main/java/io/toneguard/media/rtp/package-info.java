/** RTP (RFC 3550) packets as zero-copy views over Netty buffers, with strict validation. */
package io.toneguard.media.rtp;
