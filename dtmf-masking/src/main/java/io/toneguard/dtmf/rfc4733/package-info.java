/** RFC 4733 telephone-event tracking into key presses, and merging of presses heard from several sources. */
package io.toneguard.dtmf.rfc4733;
