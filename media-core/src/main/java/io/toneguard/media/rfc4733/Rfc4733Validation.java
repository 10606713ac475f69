package io.toneguard.media.rfc4733;

/** Outcome of {@link Rfc4733Payload#validate}: the payload is usable only when {@link #VALID}. */
public enum Rfc4733Validation {
    /** One or more complete 4-byte event blocks. */
    VALID,
    /** Fewer than 4 bytes: not even one event block. */
    TOO_SHORT,
    /** Not a multiple of 4 bytes: a partial event block follows the last complete one. */
    BAD_LENGTH,
    /** The stated payload range is negative or runs past the buffer's writer index. */
    TRUNCATED
}
