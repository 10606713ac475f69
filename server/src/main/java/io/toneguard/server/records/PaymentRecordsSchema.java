package io.toneguard.server.records;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** The two tables and their indexes, in SQL that H2 2.x and PostgreSQL 10+ both accept; created if absent. */
final class PaymentRecordsSchema {
    static final List<String> DDL = List.of(
            """
            CREATE TABLE IF NOT EXISTS payment_record (
                id VARCHAR(64) NOT NULL PRIMARY KEY,
                row_no BIGINT GENERATED ALWAYS AS IDENTITY,
                agent VARCHAR(128) NOT NULL,
                call_id VARCHAR(256),
                capture_id VARCHAR(64),
                reference VARCHAR(128) NOT NULL,
                amount_minor BIGINT NOT NULL,
                currency VARCHAR(3) NOT NULL,
                description VARCHAR(1000),
                brand VARCHAR(32),
                masked_account VARCHAR(32),
                transaction_id VARCHAR(128),
                authorization_code VARCHAR(64),
                status VARCHAR(16) NOT NULL,
                created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
                updated_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
                CONSTRAINT payment_record_reference_unique UNIQUE (reference)
            )""",
            """
            CREATE TABLE IF NOT EXISTS payment_status_change (
                record_id VARCHAR(64) NOT NULL REFERENCES payment_record (id),
                seq INT NOT NULL,
                status VARCHAR(16) NOT NULL,
                changed_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
                message VARCHAR(1000),
                PRIMARY KEY (record_id, seq)
            )""",
            "CREATE INDEX IF NOT EXISTS payment_record_agent_newest ON payment_record (agent, created_at DESC, row_no DESC)",
            "CREATE INDEX IF NOT EXISTS payment_record_newest ON payment_record (created_at DESC, row_no DESC)");

    private PaymentRecordsSchema() {
    }

    /** Creates what is missing, in one transaction. */
    static void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String ddl : DDL) {
                s.execute(ddl);
            }
        }
        c.commit();
    }
}
