/** Netty UDP media endpoints (epoll where available), port allocation and symmetric RTP latching. */
package io.toneguard.media.transport;
