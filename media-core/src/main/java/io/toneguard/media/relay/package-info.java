/** Relaying media between two endpoints with SSRC, sequence and timestamp rewriting that leaves no gaps. */
package io.toneguard.media.relay;
