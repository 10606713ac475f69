/** Authorize.Net API (createTransactionRequest, JSON) connector: cards and eCheck (ACH). */
package io.toneguard.psp.authorizenet;
