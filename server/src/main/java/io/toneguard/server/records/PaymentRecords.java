package io.toneguard.server.records;

import java.util.List;
import java.util.Optional;

/**
 * Where payment records are kept. Implementations are thread-safe, and refuse (IllegalArgumentException,
 * the value not quoted) a record or change that would write card data: a masked number showing more
 * than ten digits, or a card number in a free-text field.
 */
public interface PaymentRecords extends AutoCloseable {
    /**
     * Stores a new record (status SUBMITTED, history of one).
     *
     * @throws DuplicateReferenceException if the reference is already used by another record
     */
    void create(PaymentRecord record);

    /**
     * Appends a status change with the PSP's ids (null keeps the ids already stored); returns the
     * updated record.
     *
     * @throws java.util.NoSuchElementException if there is no record with this id
     */
    PaymentRecord update(String id, StatusChange change, String transactionId, String authorizationCode);

    Optional<PaymentRecord> find(String id);

    /** Whether a record already uses this merchant reference. */
    boolean referenceExists(String reference);

    /** Newest first; {@code agent} null for every agent's records. */
    List<PaymentRecord> list(String agent, int limit);

    @Override
    void close();
}
