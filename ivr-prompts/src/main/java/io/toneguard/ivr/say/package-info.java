/** Saying things with recorded parts: digits, numbers, amounts with currency, months and years, as prompt id sequences. */
package io.toneguard.ivr.say;
