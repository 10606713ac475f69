/** Card data, validation and the PaymentGateway SPI with its connectors (arrives with issue 5). */
package io.toneguard.psp;
