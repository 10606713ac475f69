/** RFC 4733 telephone-event payloads: allocation-free accessors, writer, validation and DTMF key mapping. */
package io.toneguard.media.rfc4733;
