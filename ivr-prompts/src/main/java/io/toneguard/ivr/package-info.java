/** Prompt catalogue, player and payment IVR flows (arrives with issue 7). */
package io.toneguard.ivr;
