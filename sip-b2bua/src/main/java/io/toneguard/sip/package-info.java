/** SIP back-to-back user agent that anchors both legs media in ToneGuard (arrives with issue 4). */
package io.toneguard.sip;
