/** RTCP (RFC 3550 §6): rtcp-mux demultiplexing, compound validation and allocation-free in-place views over a ByteBuf. */
package io.toneguard.media.rtcp;
