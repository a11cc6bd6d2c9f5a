package org.tillpay.ledger.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.ledger.LedgerException;

/**
 * Applies the ledger's versioned SQL migrations ({@code V<n>__<description>.sql}), in order, each in its own
 * transaction, recording each applied version in {@code tillpay_schema_version}.
 * <p>
 * Safe when several nodes start at once: on PostgreSQL every migration transaction first takes a transaction-scoped
 * advisory lock, so migrations run one node at a time and the others find the version already recorded. Other
 * databases (H2, used embedded and in tests) are serialised within the JVM, and a migration that fails is accepted
 * when another node has recorded its version meanwhile.
 */
final class SchemaMigrator {

    /** The migrations, in order. Explicit, because an OSGi bundle cannot reliably list its own resources. */
    static final List<String> MIGRATIONS = List.of("V1__payments.sql", "V2__parking_address_callbacks.sql",
            "V3__operations_audit.sql", "V4__settlements.sql", "V5__settlement_files_forwards.sql",
            "V6__reconciliation_index.sql", "V7__row_locks_poll_leases.sql", "V8__poller_work_indexes.sql",
            "V9__drop_indexes_replaced_by_v8.sql");

    /** Where the migration scripts are, as a bundle/class-path resource folder. */
    static final String RESOURCE_FOLDER = "/org/tillpay/ledger/migration/";

    /** Key of the PostgreSQL advisory lock that serialises migrations ("tillpay" in ASCII). */
    static final long ADVISORY_LOCK_KEY = 0x74696c6c706179L;

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
    private static final Pattern NAME = Pattern.compile("V(\\d+)__(\\w+)\\.sql");
    private static final Pattern STATEMENT_END = Pattern.compile(";[ \\t]*(\\r?\\n|$)");
    private static final Object JVM_LOCK = new Object();

    private static final String CREATE_VERSION_TABLE = "CREATE TABLE IF NOT EXISTS tillpay_schema_version ("
            + " version int NOT NULL, description varchar(200) NOT NULL,"
            + " applied_at timestamp(3) with time zone NOT NULL,"
            + " CONSTRAINT tillpay_schema_version_pk PRIMARY KEY (version))";

    private final DataSource dataSource;
    private final List<String> migrations;

    SchemaMigrator(DataSource dataSource) {
        this(dataSource, MIGRATIONS);
    }

    SchemaMigrator(DataSource dataSource, List<String> migrations) {
        this.dataSource = dataSource;
        this.migrations = List.copyOf(migrations);
    }

    /**
     * Applies every migration not yet recorded.
     *
     * @return the versions this call applied (empty when the schema was up to date)
     * @throws SQLException when a migration fails; that migration's transaction is rolled back
     */
    List<Integer> migrate() throws SQLException {
        boolean postgres = isPostgres();
        if (postgres) {
            return migrateAll(true);
        }
        synchronized (JVM_LOCK) {
            return migrateAll(false);
        }
    }

    /**
     * Migrates the schema for a component being activated, logging the outcome under the component's name.
     *
     * @param component what is starting, e.g. "Payment ledger"
     * @throws LedgerException when a migration fails, so the component stays inactive and SCR logs why
     */
    static void migrateOnActivation(DataSource dataSource, String component) {
        try {
            List<Integer> applied = new SchemaMigrator(dataSource).migrate();
            LOG.info("{} ready; schema migrations applied now: {}", component, applied.isEmpty() ? "none" : applied);
        } catch (SQLException | RuntimeException e) {
            LOG.error("{} not started: schema migration failed: {}", component, e.getMessage(), e);
            throw new LedgerException("schema migration failed", e);
        }
    }

    private List<Integer> migrateAll(boolean postgres) throws SQLException {
        Jdbc.inTransaction(dataSource, c -> {
            lock(c, postgres);
            try (Statement s = c.createStatement()) {
                s.execute(CREATE_VERSION_TABLE);
            }
            return null;
        });
        List<Integer> applied = new ArrayList<>();
        for (String name : migrations) {
            Matcher m = NAME.matcher(name);
            if (!m.matches()) {
                throw new IllegalArgumentException("migration " + name + " is not named V<n>__<description>.sql");
            }
            int version = Integer.parseInt(m.group(1));
            List<String> statements = split(load(name));
            if (apply(version, m.group(2), name, statements, postgres)) {
                applied.add(version);
            }
        }
        return applied;
    }

    private boolean apply(int version, String description, String name, List<String> statements, boolean postgres)
            throws SQLException {
        try {
            return Jdbc.inTransaction(dataSource, c -> {
                lock(c, postgres);
                if (isRecorded(c, version)) {
                    return false;
                }
                try (Statement s = c.createStatement()) {
                    for (String sql : statements) {
                        s.execute(sql);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO tillpay_schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
                    ps.setInt(1, version);
                    ps.setString(2, description);
                    Jdbc.setInstant(ps, 3, Instant.now());
                    ps.executeUpdate();
                }
                LOG.info("Ledger schema migration {} applied", name);
                return true;
            });
        } catch (SQLException e) {
            if (isRecorded(version)) {
                LOG.info("Ledger schema migration {} was applied by another node meanwhile", name);
                return false;
            }
            throw e;
        }
    }

    private boolean isPostgres() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return "PostgreSQL".equalsIgnoreCase(c.getMetaData().getDatabaseProductName());
        }
    }

    private static void lock(Connection c, boolean postgres) throws SQLException {
        if (postgres) {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                ps.setLong(1, ADVISORY_LOCK_KEY);
                ps.executeQuery().close();
            }
        }
    }

    private boolean isRecorded(int version) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return isRecorded(c, version);
        }
    }

    private static boolean isRecorded(Connection c, int version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM tillpay_schema_version WHERE version = ?")) {
            ps.setInt(1, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** @return the versions recorded in {@code tillpay_schema_version}, ascending */
    List<Integer> recordedVersions() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT version FROM tillpay_schema_version ORDER BY version");
                ResultSet rs = ps.executeQuery()) {
            List<Integer> versions = new ArrayList<>();
            while (rs.next()) {
                versions.add(rs.getInt(1));
            }
            return versions;
        }
    }

    private static String load(String name) {
        String path = RESOURCE_FOLDER + name;
        try (InputStream in = SchemaMigrator.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("migration resource " + path + " is missing from the bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migration " + path, e);
        }
    }

    /**
     * Splits a script into statements at each {@code ;} that ends a line. Lines that are only a {@code --} comment
     * are dropped, and so are statements left empty.
     */
    static List<String> split(String script) {
        StringBuilder kept = new StringBuilder();
        for (String line : script.split("\\r?\\n", -1)) {
            if (!line.strip().startsWith("--")) {
                kept.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        for (String part : STATEMENT_END.split(kept)) {
            String sql = part.strip();
            if (!sql.isEmpty()) {
                statements.add(sql);
            }
        }
        return statements;
    }
}
