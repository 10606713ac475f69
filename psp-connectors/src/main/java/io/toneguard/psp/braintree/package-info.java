/** The Braintree connector: tokenize, charge, capture, reverse and refund over Braintree's GraphQL API. */
package io.toneguard.psp.braintree;
