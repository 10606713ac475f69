/** Adyen Checkout API (v71) connector: MOTO card payments with raw card data, modifications, zero-value auth. */
package io.toneguard.psp.adyen;
