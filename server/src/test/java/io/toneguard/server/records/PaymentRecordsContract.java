package io.toneguard.server.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link PaymentRecords} store must show; subclasses say where the store lives. */
abstract class PaymentRecordsContract {
    static final String TEST_PAN = "4111111111111111";
    static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123456Z");

    protected PaymentRecords store;

    /** Opens the store under test (a second call opens the same data again). */
    protected abstract PaymentRecords open();

    /** Removes what the test left, after the store is closed. */
    protected void cleanUp() {
    }

    @BeforeEach
    void openStore() {
        store = open();
    }

    @AfterEach
    void closeStore() {
        try {
            store.close();
        } finally {
            cleanUp();
        }
    }

    static PaymentRecord record(String id, String agent, String reference, Instant createdAt) {
        return new PaymentRecord(id, agent, "call-" + id + "@10.0.0.1", "cap-" + id, reference, 2550, "GBP",
                "Order " + reference, "visa", "411111******1111", null, null, PaymentStatus.SUBMITTED,
                List.of(new StatusChange(PaymentStatus.SUBMITTED, createdAt, "submitted to the PSP")), createdAt, createdAt);
    }

    @Test
    void aCreatedRecordIsFoundAsItWasGiven() {
        PaymentRecord r = record("r1", "alice", "INV-1001", T0);
        store.create(r);
        assertEquals(r, store.find("r1").orElseThrow());
        assertTrue(store.find("nope").isEmpty());
        assertTrue(store.referenceExists("INV-1001"));
        assertFalse(store.referenceExists("INV-9999"));
    }

    @Test
    void optionalFieldsMayBeAbsent() {
        PaymentRecord r = new PaymentRecord("r1", "alice", null, null, "INV-1", 0, "USD", null, null, null, null, null,
                PaymentStatus.FAILED, List.of(new StatusChange(PaymentStatus.SUBMITTED, T0, null),
                        new StatusChange(PaymentStatus.FAILED, T0.plusSeconds(1), "no card obtained")),
                T0, T0.plusSeconds(1));
        store.create(r);
        assertEquals(r, store.find("r1").orElseThrow());
    }

    @Test
    void timesAreKeptToTheMicrosecond() {
        Instant nanos = T0.plusNanos(789);
        store.create(record("r1", "alice", "INV-1", nanos));
        PaymentRecord found = store.find("r1").orElseThrow();
        assertEquals(T0, found.createdAt());
        assertEquals(T0, found.history().get(0).at());
    }

    @Test
    void updatesAppendToTheHistoryAndKeepThePspIds() {
        store.create(record("r1", "alice", "INV-1", T0));
        PaymentRecord approved = store.update("r1", new StatusChange(PaymentStatus.APPROVED, T0.plusSeconds(2), "approved"),
                "ch_3PqRsT", "A1B2C3");
        assertEquals(PaymentStatus.APPROVED, approved.status());
        assertEquals("ch_3PqRsT", approved.transactionId());
        assertEquals("A1B2C3", approved.authorizationCode());
        assertEquals(T0.plusSeconds(2), approved.updatedAt());
        assertEquals(T0, approved.createdAt());
        assertEquals(List.of(PaymentStatus.SUBMITTED, PaymentStatus.APPROVED),
                approved.history().stream().map(StatusChange::status).toList());
        assertEquals(approved, store.find("r1").orElseThrow());

        PaymentRecord later = store.update("r1", new StatusChange(PaymentStatus.FAILED, T0.plusSeconds(9), "voided"), null, null);
        assertEquals(PaymentStatus.FAILED, later.status());
        assertEquals("ch_3PqRsT", later.transactionId(), "null keeps the stored id");
        assertEquals("A1B2C3", later.authorizationCode());
        assertEquals(3, later.history().size());
        assertEquals("voided", later.history().get(2).message());
    }

    @Test
    void updatingAnUnknownRecordFails() {
        assertThrows(NoSuchElementException.class,
                () -> store.update("nope", new StatusChange(PaymentStatus.APPROVED, T0, "approved"), "tx", "auth"));
        store.create(record("r1", "alice", "INV-1", T0));
        assertEquals(1, store.find("r1").orElseThrow().history().size());
    }

    @Test
    void listsAreNewestFirstPerAgentAndForAll() {
        List<PaymentRecord> all = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            all.add(record("r" + i, i % 2 == 0 ? "alice" : "bob", "INV-" + i, T0.plusSeconds(i)));
        }
        List<PaymentRecord> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new java.util.Random(7));
        shuffled.forEach(store::create);

        assertEquals(ids("r4", "r2", "r0"), ids(store.list("alice", 10)));
        assertEquals(ids("r5", "r3"), ids(store.list("bob", 2)));
        assertEquals(ids("r5", "r4", "r3", "r2", "r1", "r0"), ids(store.list(null, 100)));
        assertEquals(ids("r5", "r4"), ids(store.list(null, 2)));
        assertTrue(store.list("carol", 10).isEmpty());
        assertEquals(all.get(4), store.list("alice", 1).get(0));
        assertThrows(IllegalArgumentException.class, () -> store.list(null, 0));
    }

    @Test
    void recordsCreatedAtTheSameInstantListInReverseOrderOfCreation() {
        store.create(record("first", "alice", "INV-1", T0));
        store.create(record("second", "alice", "INV-2", T0));
        assertEquals(ids("second", "first"), ids(store.list("alice", 10)));
    }

    @Test
    void aReferenceIsUsedOnce() {
        PaymentRecord first = record("r1", "alice", "INV-1", T0);
        store.create(first);
        DuplicateReferenceException e = assertThrows(DuplicateReferenceException.class,
                () -> store.create(record("r2", "bob", "INV-1", T0.plusSeconds(1))));
        assertTrue(e.getMessage().contains("INV-1"), e.getMessage());
        assertEquals(first, store.find("r1").orElseThrow());
        assertTrue(store.find("r2").isEmpty());
        // the store goes on working after the refused insert
        store.create(record("r3", "bob", "INV-3", T0.plusSeconds(2)));
        assertEquals(ids("r3", "r1"), ids(store.list(null, 10)));
    }

    @Test
    void cardDataIsRefusedBeforeAnyWrite() {
        PaymentRecord base = record("r1", "alice", "INV-1", T0);
        List<PaymentRecord> bad = List.of(
                withMasked(base, TEST_PAN),
                withMasked(base, "4111 1111 11** 1111"),
                withDescription(base, "card " + TEST_PAN + " as told on the phone"),
                withDescription(base, "4111 1111 1111 1111"),
                withDescription(base, "4111-1111-1111-1111 exp 12/30"),
                withReference(base, "INV-" + TEST_PAN));
        for (PaymentRecord r : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.create(r));
            assertFalse(e.getMessage().contains("4111") || e.getMessage().contains("1111"), e.getMessage());
        }
        assertTrue(store.find("r1").isEmpty());
        assertTrue(store.list(null, 10).isEmpty());

        store.create(base);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.update("r1",
                new StatusChange(PaymentStatus.DECLINED, T0.plusSeconds(1), "declined: " + TEST_PAN), null, null));
        assertFalse(e.getMessage().contains("4111"), e.getMessage());
        assertEquals(base, store.find("r1").orElseThrow());
    }

    @Test
    void numbersThatAreNotCardsPass() {
        // a 12-digit number failing Luhn, an 11-digit one passing it, a masked first six + last four
        PaymentRecord r = withDescription(withReference(record("r1", "alice", "INV-1", T0), "ORDER-123456789012"),
                "call back on 79927398713");
        store.create(r);
        assertEquals(r, store.find("r1").orElseThrow());
    }

    @Test
    void reopeningKeepsTheRecords() {
        store.create(record("r1", "alice", "INV-1", T0));
        store.update("r1", new StatusChange(PaymentStatus.APPROVED, T0.plusSeconds(1), "approved"), "tx-1", "AUTH1");
        PaymentRecord before = store.find("r1").orElseThrow();
        store.close();
        store = open();
        assertEquals(before, store.find("r1").orElseThrow());
        assertThrows(DuplicateReferenceException.class, () -> store.create(record("r2", "alice", "INV-1", T0)));
    }

    @Test
    void aClosedStoreRefusesWork() {
        store.close();
        assertThrows(IllegalStateException.class, () -> store.find("r1"));
        store = open();
    }

    @Test
    void concurrentCreatesAllLandAndAContestedReferenceOnlyOnce() throws Exception {
        int threads = 6;
        int each = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger contestedWins = new AtomicInteger();
        AtomicInteger contestedLosses = new AtomicInteger();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit((Callable<Void>) () -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        store.create(record("t" + thread + "-" + i, "agent" + (thread % 3), "REF-" + thread + "-" + i,
                                T0.plusMillis(i)));
                        try {
                            store.create(record("c" + thread + "-" + i, "agent0", "CONTESTED-" + i, T0));
                            contestedWins.incrementAndGet();
                        } catch (DuplicateReferenceException e) {
                            contestedLosses.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(each, contestedWins.get());
        assertEquals((threads - 1) * each, contestedLosses.get());
        List<PaymentRecord> all = store.list(null, 1000);
        assertEquals(threads * each + each, all.size());
        Set<String> refs = new HashSet<>();
        all.forEach(r -> assertTrue(refs.add(r.reference()), r.reference()));
        for (int i = 1; i < all.size(); i++) {
            assertFalse(all.get(i).createdAt().isAfter(all.get(i - 1).createdAt()), "newest first");
        }
        assertEquals(2 * each, store.list("agent1", 1000).size());
    }

    static List<String> ids(String... ids) {
        return List.of(ids);
    }

    static List<String> ids(List<PaymentRecord> records) {
        return records.stream().map(PaymentRecord::id).toList();
    }

    static PaymentRecord withMasked(PaymentRecord r, String masked) {
        return new PaymentRecord(r.id(), r.agent(), r.callId(), r.captureId(), r.reference(), r.amountMinor(),
                r.currency(), r.description(), r.brand(), masked, r.transactionId(), r.authorizationCode(), r.status(),
                r.history(), r.createdAt(), r.updatedAt());
    }

    static PaymentRecord withDescription(PaymentRecord r, String description) {
        return new PaymentRecord(r.id(), r.agent(), r.callId(), r.captureId(), r.reference(), r.amountMinor(),
                r.currency(), description, r.brand(), r.maskedAccount(), r.transactionId(), r.authorizationCode(),
                r.status(), r.history(), r.createdAt(), r.updatedAt());
    }

    static PaymentRecord withReference(PaymentRecord r, String reference) {
        return new PaymentRecord(r.id(), r.agent(), r.callId(), r.captureId(), reference, r.amountMinor(),
                r.currency(), r.description(), r.brand(), r.maskedAccount(), r.transactionId(), r.authorizationCode(),
                r.status(), r.history(), r.createdAt(), r.updatedAt());
    }
}
