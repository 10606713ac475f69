/** The embedded sandbox gateway: documented test cards decide the outcome, no PSP account needed. */
package io.toneguard.psp.sandbox;
