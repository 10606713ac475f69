/** The PaymentGateway SPI, its requests and results, and the interceptor chain around every call. */
package io.toneguard.psp.gateway;
