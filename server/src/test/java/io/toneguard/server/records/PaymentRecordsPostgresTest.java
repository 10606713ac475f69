package io.toneguard.server.records;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.toneguard.media.testing.IntegrationTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;

/**
 * The contract on a real PostgreSQL server, each test in a schema of its own. Where: system
 * properties {@code toneguard.test.postgres.url}, {@code .user}, {@code .password} or the
 * variables {@code TONEGUARD_TEST_POSTGRES_URL}, {@code _USER}, {@code _PASSWORD}; by default the
 * database {@code .ci/start-postgres} makes. Skipped when unreachable, unless
 * {@code TONEGUARD_REQUIRE_POSTGRES=1} (as in CI) makes that a failure.
 */
@IntegrationTest
class PaymentRecordsPostgresTest extends PaymentRecordsContract {
    static final String URL = setting("url", "jdbc:postgresql://127.0.0.1:5432/toneguard_test");
    static final String USER = setting("user", "toneguard");
    static final String PASSWORD = setting("password", "toneguard");

    private final String schema = "tg_test_" + UUID.randomUUID().toString().replace("-", "");
    private boolean schemaMade;

    @BeforeAll
    static void postgresIsReachable() {
        try (Connection c = admin()) {
            c.isValid(2);
        } catch (SQLException e) {
            String why = "PostgreSQL not reachable at " + JdbcPaymentRecords.redactedUrl(URL) + " as " + USER + " ("
                    + e.getMessage() + "); .ci/start-postgres starts one";
            if ("1".equals(System.getenv("TONEGUARD_REQUIRE_POSTGRES"))) {
                fail(why + " and TONEGUARD_REQUIRE_POSTGRES=1 requires it");
            }
            assumeTrue(false, why + ": skipped (set TONEGUARD_REQUIRE_POSTGRES=1 to fail instead)");
        }
    }

    @Override
    protected PaymentRecords open() {
        if (!schemaMade) {
            sql("CREATE SCHEMA " + schema);
            schemaMade = true;
        }
        return JdbcPaymentRecords.open(URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema, USER, PASSWORD);
    }

    @Override
    protected void cleanUp() {
        if (schemaMade) {
            sql("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static void sql(String statement) {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement, e);
        }
    }

    private static Connection admin() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", USER);
        p.setProperty("password", PASSWORD);
        p.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(URL, p);
    }

    private static String setting(String name, String fallback) {
        String v = System.getProperty("toneguard.test.postgres." + name);
        if (v == null || v.isEmpty()) {
            v = System.getenv("TONEGUARD_TEST_POSTGRES_" + name.toUpperCase(java.util.Locale.ROOT));
        }
        return v == null || v.isEmpty() ? fallback : v;
    }
}
