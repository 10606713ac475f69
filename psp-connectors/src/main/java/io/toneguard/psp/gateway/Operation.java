package io.toneguard.psp.gateway;

/** What a gateway call does. */
public enum Operation {
    /** Authorize and capture at once. */
    SALE,
    AUTHORIZE,
    CAPTURE,
    VOID,
    REFUND,
    /** Store the card at the PSP, charge nothing. */
    TOKENIZE,
    /** Debit a bank account (ACH). */
    ACH_DEBIT
}
