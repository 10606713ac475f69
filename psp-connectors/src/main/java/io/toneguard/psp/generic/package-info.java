/** A gateway for any HTTP payment API, configured without code: field mapping, auth, and how to read the answer. */
package io.toneguard.psp.generic;
