/** Runs sipp (Debian sip-tester) with the scenarios in {@code /sipp/} as real SIP peers. */
package io.toneguard.harness.sipp;
