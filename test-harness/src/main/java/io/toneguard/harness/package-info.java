/** Test peers and drivers that exercise the built product over real sockets. */
package io.toneguard.harness;
