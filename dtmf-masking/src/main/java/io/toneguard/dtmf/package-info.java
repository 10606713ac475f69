/** In-band DTMF detection, RFC 4733 event tracking, the delay line and the masker (arrives with issue 3). */
package io.toneguard.dtmf;
