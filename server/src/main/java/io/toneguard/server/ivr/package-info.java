/** The payment IVR: the caller led through amount, card or account fields with confirm or re-enter, by prompts. */
package io.toneguard.server.ivr;
