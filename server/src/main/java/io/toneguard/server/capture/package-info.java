/** Secure capture sessions: caller digits into zeroable fields, masked progress out, payment on request. */
package io.toneguard.server.capture;
