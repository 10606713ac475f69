package io.toneguard.server.records;

/** A payment reference that is already used: references are unique per merchant. */
public final class DuplicateReferenceException extends RuntimeException {
    public DuplicateReferenceException(String reference) {
        super("payment reference already used: " + reference);
    }
}
