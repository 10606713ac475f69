package io.toneguard.server.records;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Payment records over plain JDBC, in an embedded H2 file or in PostgreSQL. One connection, used
 * under a lock and reopened when it breaks: enough for a payment every few seconds per server.
 * Times are kept to the microsecond (what both databases store).
 */
public final class JdbcPaymentRecords implements PaymentRecords {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcPaymentRecords.class);
    private static final int VALID_CHECK_SECONDS = 2;
    private static final String UNIQUE_VIOLATION = "23505";

    private static final String COLUMNS = "id, row_no, agent, call_id, capture_id, reference, amount_minor, currency, "
            + "description, brand, masked_account, transaction_id, authorization_code, status, created_at, updated_at";
    /** Records (the inner query, with its order and limit) joined to their history, oldest change first. */
    private static final String SELECT = "SELECT r.*, h.seq, h.status AS h_status, h.changed_at, h.message FROM (SELECT "
            + COLUMNS + " FROM payment_record %s) r JOIN payment_status_change h ON h.record_id = r.id "
            + "ORDER BY r.created_at DESC, r.row_no DESC, h.seq";

    private final String url;
    private final Properties credentials = new Properties();
    private final ReentrantLock lock = new ReentrantLock();
    private Connection connection; // guarded by lock
    private boolean closed; // guarded by lock

    private JdbcPaymentRecords(String url, String user, String password) {
        this.url = Objects.requireNonNull(url, "url");
        credentials.setProperty("user", user == null ? "" : user);
        credentials.setProperty("password", password == null ? "" : password);
    }

    /**
     * Opens the store at a JDBC URL ({@code jdbc:h2:file:./data/toneguard}, {@code
     * jdbc:postgresql://host:5432/db}) and creates its tables if they are absent.
     *
     * @throws PaymentRecordsException if the database cannot be reached or the tables cannot be made
     */
    public static JdbcPaymentRecords open(String url, String user, String password) {
        JdbcPaymentRecords store = new JdbcPaymentRecords(url, user, password);
        try {
            store.run("open", c -> {
                PaymentRecordsSchema.create(c);
                LOG.info("payment records in {} {} at {}", c.getMetaData().getDatabaseProductName(),
                        c.getMetaData().getDatabaseProductVersion(), redactedUrl(url));
                return null;
            });
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    @Override
    public void create(PaymentRecord r) {
        PaymentRecordChecks.checkNew(r);
        PaymentRecordGuard.checkNew(r);
        try {
            run("create", c -> {
                insert(c, r);
                c.commit();
                return null;
            });
        } catch (PaymentRecordsException e) {
            if (e.duplicate() && referenceExists(r.reference())) {
                throw new DuplicateReferenceException(r.reference());
            }
            throw e;
        }
    }

    @Override
    public PaymentRecord update(String id, StatusChange change, String transactionId, String authorizationCode) {
        Objects.requireNonNull(id, "id");
        PaymentRecordChecks.checkChange(change);
        PaymentRecordChecks.checkIds(transactionId, authorizationCode);
        PaymentRecordGuard.checkChange(change);
        return run("update", c -> {
            int seq;
            try (PreparedStatement lockRow = c.prepareStatement("SELECT id FROM payment_record WHERE id = ? FOR UPDATE");
                    PreparedStatement last = c.prepareStatement(
                            "SELECT COALESCE(MAX(seq), 0) FROM payment_status_change WHERE record_id = ?")) {
                lockRow.setString(1, id);
                try (ResultSet rs = lockRow.executeQuery()) {
                    if (!rs.next()) {
                        throw new NoSuchElementException("no payment record " + id);
                    }
                }
                last.setString(1, id);
                try (ResultSet rs = last.executeQuery()) {
                    rs.next();
                    seq = rs.getInt(1) + 1;
                }
            }
            insertChange(c, id, seq, change);
            try (PreparedStatement up = c.prepareStatement("UPDATE payment_record SET status = ?, updated_at = ?, "
                    + "transaction_id = COALESCE(?, transaction_id), authorization_code = COALESCE(?, authorization_code) "
                    + "WHERE id = ?")) {
                up.setString(1, change.status().name());
                up.setObject(2, time(change.at()));
                up.setString(3, transactionId);
                up.setString(4, authorizationCode);
                up.setString(5, id);
                up.executeUpdate();
            }
            c.commit();
            return select(c, "WHERE id = ?", id).get(0);
        });
    }

    @Override
    public Optional<PaymentRecord> find(String id) {
        Objects.requireNonNull(id, "id");
        return run("find", c -> select(c, "WHERE id = ?", id).stream().findFirst());
    }

    @Override
    public boolean referenceExists(String reference) {
        Objects.requireNonNull(reference, "reference");
        return run("referenceExists", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM payment_record WHERE reference = ?")) {
                ps.setString(1, reference);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    @Override
    public List<PaymentRecord> list(String agent, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        String newest = "ORDER BY created_at DESC, row_no DESC FETCH FIRST " + limit + " ROWS ONLY";
        return run("list", c -> agent == null ? select(c, newest) : select(c, "WHERE agent = ? " + newest, agent));
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            dropConnection();
        } finally {
            lock.unlock();
        }
    }

    private static void insert(Connection c, PaymentRecord r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO payment_record (id, agent, call_id, capture_id, "
                + "reference, amount_minor, currency, description, brand, masked_account, transaction_id, "
                + "authorization_code, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, r.id());
            ps.setString(2, r.agent());
            ps.setString(3, r.callId());
            ps.setString(4, r.captureId());
            ps.setString(5, r.reference());
            ps.setLong(6, r.amountMinor());
            ps.setString(7, r.currency());
            ps.setString(8, r.description());
            ps.setString(9, r.brand());
            ps.setString(10, r.maskedAccount());
            ps.setString(11, r.transactionId());
            ps.setString(12, r.authorizationCode());
            ps.setString(13, r.status().name());
            ps.setObject(14, time(r.createdAt()));
            ps.setObject(15, time(r.updatedAt()));
            ps.executeUpdate();
        }
        for (int i = 0; i < r.history().size(); i++) {
            insertChange(c, r.id(), i + 1, r.history().get(i));
        }
    }

    private static void insertChange(Connection c, String id, int seq, StatusChange change) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO payment_status_change (record_id, seq, status, changed_at, message) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setInt(2, seq);
            ps.setString(3, change.status().name());
            ps.setObject(4, time(change.at()));
            ps.setString(5, change.message());
            ps.executeUpdate();
        }
    }

    /** Records matching {@code where} (with any order and limit), each with its whole history. */
    private static List<PaymentRecord> select(Connection c, String where, String... args) throws SQLException {
        List<PaymentRecord> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(String.format(SELECT, where))) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                boolean more = rs.next();
                while (more) {
                    String id = rs.getString("id");
                    ResultSetRecord head = ResultSetRecord.read(rs);
                    List<StatusChange> history = new ArrayList<>();
                    do {
                        history.add(new StatusChange(PaymentStatus.valueOf(rs.getString("h_status")),
                                instant(rs, "changed_at"), rs.getString("message")));
                        more = rs.next();
                    } while (more && id.equals(rs.getString("id")));
                    out.add(head.with(history));
                }
            }
        }
        return out;
    }

    /** The columns of one record row, waiting for its history. */
    private record ResultSetRecord(String id, String agent, String callId, String captureId, String reference,
            long amountMinor, String currency, String description, String brand, String maskedAccount,
            String transactionId, String authorizationCode, PaymentStatus status, Instant createdAt, Instant updatedAt) {
        static ResultSetRecord read(ResultSet rs) throws SQLException {
            return new ResultSetRecord(rs.getString("id"), rs.getString("agent"), rs.getString("call_id"),
                    rs.getString("capture_id"), rs.getString("reference"), rs.getLong("amount_minor"),
                    rs.getString("currency"), rs.getString("description"), rs.getString("brand"),
                    rs.getString("masked_account"), rs.getString("transaction_id"), rs.getString("authorization_code"),
                    PaymentStatus.valueOf(rs.getString("status")), instant(rs, "created_at"), instant(rs, "updated_at"));
        }

        PaymentRecord with(List<StatusChange> history) {
            return new PaymentRecord(id, agent, callId, captureId, reference, amountMinor, currency, description, brand,
                    maskedAccount, transactionId, authorizationCode, status, history, createdAt, updatedAt);
        }
    }

    private static OffsetDateTime time(Instant at) {
        return OffsetDateTime.ofInstant(at.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    /** One unit of work on the connection; it commits what it writes. */
    @FunctionalInterface
    private interface Work<T> {
        T on(Connection c) throws SQLException;
    }

    private <T> T run(String what, Work<T> work) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("payment records are closed");
            }
            Connection c = connection();
            try {
                return work.on(c);
            } catch (SQLException e) {
                rollback(c);
                if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                    dropConnection(); // connection lost: the next call opens a new one
                }
                throw new PaymentRecordsException(what, e);
            } catch (RuntimeException e) {
                rollback(c);
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    private Connection connection() {
        try {
            if (connection != null && !connection.isValid(VALID_CHECK_SECONDS)) {
                LOG.warn("payment records: connection to {} lost, reconnecting", redactedUrl(url));
                dropConnection();
            }
            if (connection == null) {
                Connection c = DriverManager.getConnection(url, credentials);
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                connection = c;
            }
            return connection;
        } catch (SQLException e) {
            dropConnection();
            throw new PaymentRecordsException("connect to " + redactedUrl(url), e);
        }
    }

    private void dropConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("payment records: closing the connection failed", e);
            }
            connection = null;
        }
    }

    private static void rollback(Connection c) {
        try {
            if (!c.isClosed()) {
                c.rollback();
            }
        } catch (SQLException e) {
            LOG.debug("payment records: rollback failed", e);
        }
    }

    /** The URL without its parameters (which may hold a password). */
    static String redactedUrl(String url) {
        int cut = url.length();
        for (char ch : new char[] {'?', ';'}) {
            int i = url.indexOf(ch);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        return url.substring(0, cut);
    }

    static boolean isUniqueViolation(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if (UNIQUE_VIOLATION.equals(x.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
