/** JMH benchmarks: what a packet costs on its way through ToneGuard. */
package io.toneguard.benchmarks;
