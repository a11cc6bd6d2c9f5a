package org.tillpay.ledger.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import javax.sql.DataSource;

/** Small JDBC helpers shared by the ledger: transactions, UTC instants and SQL error classification. */
final class Jdbc {

    /** SQLState for a unique or primary key violation, on PostgreSQL and H2 alike. */
    static final String UNIQUE_VIOLATION = "23505";

    private Jdbc() {
    }

    /** Work done on a connection inside a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction on a fresh connection: commits when it returns, rolls back when it
     * throws, and always restores the connection's auto-commit setting before closing it (pooled connections).
     */
    static <T> T inTransaction(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                restoreAutoCommit(c, autoCommit);
            }
        }
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void restoreAutoCommit(Connection c, boolean autoCommit) {
        try {
            if (!c.isClosed() && c.getAutoCommit() != autoCommit) {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException ignored) {
            // the connection is being closed anyway; a pool will discard it
        }
    }

    /** @return true when {@code e}, or anything chained to it, is a unique or primary key violation */
    static boolean isUniqueViolation(SQLException e) {
        return hasSqlState(e, UNIQUE_VIOLATION);
    }

    /** @return true when {@code e}, or anything chained to it, is a foreign key violation (23503; H2: 23506) */
    static boolean isForeignKeyViolation(SQLException e) {
        return hasSqlState(e, "23503") || hasSqlState(e, "23506");
    }

    private static boolean hasSqlState(SQLException e, String state) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                for (SQLException s = (SQLException) t; s != null; s = s.getNextException()) {
                    if (state.equals(s.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** @return the value cut to at most {@code max} characters; null stays null */
    static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    /** @return the instant as the ledger stores it: truncated to whole milliseconds */
    static Instant toStored(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.MILLIS);
    }

    /** Binds an instant as a UTC {@code timestamp with time zone}, truncated to milliseconds; null stays null. */
    static void setInstant(PreparedStatement ps, int index, Instant at) throws SQLException {
        if (at == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, OffsetDateTime.ofInstant(toStored(at), ZoneOffset.UTC));
        }
    }

    /** @return the {@code timestamp with time zone} column as an instant, or null */
    static Instant getInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
