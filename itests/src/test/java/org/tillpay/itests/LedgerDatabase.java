package org.tillpay.itests;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * A fresh PostgreSQL database of its own for the nodes of a {@link TillpayCluster} (created with {@code CREATE
 * DATABASE}, dropped by {@link #drop()}), read directly from the test JVM with the PostgreSQL driver: the ledger's
 * tables as the nodes wrote them. Trust authentication as user {@code postgres}, as on the build machine.
 */
final class LedgerDatabase {

    private final String host;
    private final int port;
    private final String name;

    private LedgerDatabase(String host, int port, String name) {
        this.host = host;
        this.port = port;
        this.name = name;
    }

    /**
     * Creates a new database on the server, named {@code <prefix><epoch seconds>_<random>}, after dropping those an
     * earlier run of the same prefix left behind (older than an hour).
     *
     * @param host the server's host, e.g. {@code 127.0.0.1}
     * @param port its port
     * @param prefix the database name's start, e.g. {@code tillpay_multinode_}
     * @return the empty database
     */
    static LedgerDatabase create(String host, int port, String prefix) throws SQLException {
        String name = prefix + Instant.now().getEpochSecond() + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        LedgerDatabase admin = new LedgerDatabase(host, port, "postgres");
        for (Map<String, Object> old : admin.rows("SELECT datname FROM pg_database WHERE datname LIKE ?",
                prefix + "%")) {
            String oldName = (String) old.get("datname");
            String epoch = oldName.substring(prefix.length()).split("_")[0];
            if (epoch.matches("\\d+") && Long.parseLong(epoch) < Instant.now().getEpochSecond() - 3600) {
                admin.execute("DROP DATABASE IF EXISTS " + oldName + " WITH (FORCE)");
            }
        }
        admin.execute("CREATE DATABASE " + name);
        return new LedgerDatabase(host, port, name);
    }

    /** @return the JDBC URL the nodes' datasource uses */
    String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    /** @return the database's name */
    String name() {
        return name;
    }

    /** Drops the database, closing whatever is still connected to it. */
    void drop() throws SQLException {
        new LedgerDatabase(host, port, "postgres").execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** @return whether the ledger's migrations have made the payments table yet */
    boolean hasLedger() {
        try {
            return !rows("SELECT 1 FROM information_schema.tables WHERE table_name = 'tillpay_payment'").isEmpty();
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Runs a query.
     *
     * @param sql the query, with {@code ?} for each parameter
     * @param params the parameters
     * @return each row as column name (lower case) to value, in order
     */
    List<Map<String, Object>> rows(String sql, Object... params) throws SQLException {
        try (Connection c = connect(); PreparedStatement q = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                q.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = q.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int col = 1; col <= meta.getColumnCount(); col++) {
                        row.put(meta.getColumnLabel(col).toLowerCase(java.util.Locale.ROOT), rs.getObject(col));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private Connection connect() throws SQLException {
        Properties p = new Properties();
        p.put("user", "postgres");
        p.put("connectTimeout", "10");
        return DriverManager.getConnection(jdbcUrl(), p);
    }
}
