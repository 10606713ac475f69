package io.toneguard.server.config;

import io.toneguard.server.records.JdbcPaymentRecords;
import io.toneguard.server.records.PaymentRecords;
import io.toneguard.server.records.PaymentRecordsException;
import java.util.function.Function;

/**
 * The {@code records} section: the database of payment records, an embedded H2 file by default or
 * PostgreSQL. The password may be {@code env:NAME}.
 */
public record RecordsConfig(String url, String user, String password) {

    /** URL and password checked without opening anything. */
    public void validate(Function<String, String> env) {
        String u = ConfigException.require(url, "records.url");
        if (!u.startsWith("jdbc:h2:") && !u.startsWith("jdbc:postgresql:")) {
            throw new ConfigException("records.url",
                    "use jdbc:h2:file:PATH (embedded) or jdbc:postgresql://HOST:PORT/DATABASE");
        }
        ConfigException.require(user, "records.user");
        password(env);
    }

    /** Opens the store, creating its tables if absent; {@code env} resolves an {@code env:NAME} password. */
    public PaymentRecords open(Function<String, String> env) {
        validate(env);
        try {
            return JdbcPaymentRecords.open(url, user, password(env));
        } catch (PaymentRecordsException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ConfigException("records.url", "cannot open the payment records database: " + cause.getMessage());
        }
    }

    private String password(Function<String, String> env) {
        String p = ConfigException.require(password, "records.password");
        return p.isEmpty() ? "" : PaymentsConfig.secret(p, "records.password", env);
    }
}
