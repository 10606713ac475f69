package io.toneguard.server.records;

import java.sql.SQLException;

/** The store could not do what was asked: database unreachable or an SQL error (the cause says which). */
public final class PaymentRecordsException extends RuntimeException {
    public PaymentRecordsException(String operation, SQLException cause) {
        super("payment records: " + operation + " failed (SQLState " + cause.getSQLState() + ")", cause);
    }

    /** Whether a unique key was violated (a reference or id already used). */
    boolean duplicate() {
        return getCause() instanceof SQLException e && JdbcPaymentRecords.isUniqueViolation(e);
    }
}
