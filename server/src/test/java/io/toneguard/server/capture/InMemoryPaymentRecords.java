package io.toneguard.server.capture;

import io.toneguard.server.records.DuplicateReferenceException;
import io.toneguard.server.records.PaymentRecord;
import io.toneguard.server.records.PaymentRecords;
import io.toneguard.server.records.StatusChange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Payment records in a map, for capture tests that are not about storage. */
final class InMemoryPaymentRecords implements PaymentRecords {
    private final Map<String, PaymentRecord> records = new LinkedHashMap<>();
    /** While true, writes fail as a database that went away would. */
    volatile boolean down;

    @Override
    public synchronized void create(PaymentRecord record) {
        if (down) {
            throw new io.toneguard.server.records.PaymentRecordsException("insert", new java.sql.SQLException("gone", "08006"));
        }
        if (referenceExists(record.reference())) {
            throw new DuplicateReferenceException(record.reference());
        }
        records.put(record.id(), record);
    }

    @Override
    public synchronized PaymentRecord update(String id, StatusChange change, String transactionId, String authorizationCode) {
        PaymentRecord r = records.get(id);
        List<StatusChange> history = new ArrayList<>(r.history());
        history.add(change);
        PaymentRecord u = new PaymentRecord(r.id(), r.agent(), r.callId(), r.captureId(), r.reference(), r.amountMinor(),
                r.currency(), r.description(), r.brand(), r.maskedAccount(), transactionId, authorizationCode, change.status(),
                history, r.createdAt(), change.at());
        records.put(id, u);
        return u;
    }

    @Override
    public synchronized Optional<PaymentRecord> find(String id) {
        return Optional.ofNullable(records.get(id));
    }

    @Override
    public synchronized boolean referenceExists(String reference) {
        return records.values().stream().anyMatch(r -> r.reference().equals(reference));
    }

    @Override
    public synchronized List<PaymentRecord> list(String agent, int limit) {
        return records.values().stream().filter(r -> agent == null || r.agent().equals(agent))
                .sorted(Comparator.comparing(PaymentRecord::createdAt).reversed()).limit(limit).toList();
    }

    @Override
    public void close() {
    }
}
