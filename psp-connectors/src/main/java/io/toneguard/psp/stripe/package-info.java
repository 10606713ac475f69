/** The Stripe connector: PaymentIntents, PaymentMethods and Refunds over Stripe's form-encoded REST API. */
package io.toneguard.psp.stripe;
