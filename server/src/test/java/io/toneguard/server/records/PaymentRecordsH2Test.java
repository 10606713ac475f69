package io.toneguard.server.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract on the default store: an embedded H2 database file. */
class PaymentRecordsH2Test extends PaymentRecordsContract {
    @TempDir
    Path dir;

    @Override
    protected PaymentRecords open() {
        return JdbcPaymentRecords.open("jdbc:h2:file:" + dir.resolve("data/toneguard").toAbsolutePath(), "", "");
    }

    @Test
    void theDatabaseIsOneFileInAFolderItCreates() {
        store.create(record("r1", "alice", "INV-1", T0));
        assertTrue(Files.isRegularFile(dir.resolve("data/toneguard.mv.db")));
    }

    @Test
    void urlParametersAreLeftOutOfLogsAndMessages() {
        assertEquals("jdbc:postgresql://db:5432/tg", JdbcPaymentRecords.redactedUrl("jdbc:postgresql://db:5432/tg?password=x"));
        assertEquals("jdbc:h2:file:./data/toneguard", JdbcPaymentRecords.redactedUrl("jdbc:h2:file:./data/toneguard;PASSWORD=x"));
    }

    @Test
    void anUnreachableDatabaseFailsToOpenWithoutItsPassword() {
        PaymentRecordsException e = assertThrows(PaymentRecordsException.class,
                () -> JdbcPaymentRecords.open("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2", "u", "s3cret-pw"));
        assertTrue(!e.getMessage().contains("s3cret-pw"), e.getMessage());
    }
}
