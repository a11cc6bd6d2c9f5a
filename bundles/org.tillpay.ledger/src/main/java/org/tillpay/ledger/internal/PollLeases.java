package org.tillpay.ledger.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import javax.sql.DataSource;

import org.tillpay.ledger.LedgerException;

/**
 * The pollers' side of the ledger: their leases on payments ({@code poll_node}, {@code poll_lease_until}; schema
 * version 7), for {@code PaymentLedger.claimForPolling} and {@code releasePolling}, and which stores they have work for
 * ({@code storesAwaitingProvider}).
 * <p>
 * A claim selects the free rows with {@code FOR UPDATE SKIP LOCKED} (PostgreSQL and H2 2.2), so a node never waits
 * for rows another node is claiming, then takes each with an update that repeats the condition: both databases apply
 * an update to the latest committed row, so a lease another node took meanwhile is never overwritten, whatever the
 * select saw.
 */
final class PollLeases {

    /** Longest node id stored (the column's size). */
    static final int MAX_NODE_ID = 100;

    private static final String FREE = "(poll_lease_until IS NULL OR poll_lease_until <= ?)";
    private static final String TAKE = "UPDATE tillpay_payment SET poll_node = ?, poll_lease_until = ?"
            + " WHERE payment_id = ? AND store_id = ? AND " + FREE;
    private static final String RELEASE = "UPDATE tillpay_payment SET poll_lease_until = ?"
            + " WHERE payment_id = ? AND store_id = ? AND poll_node = ?";

    private final DataSource dataSource;

    PollLeases(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Set<String> claim(String storeId, String nodeId, Collection<String> paymentIds, Duration lease, Instant now) {
        Objects.requireNonNull(storeId, "storeId");
        requireNodeId(nodeId);
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be positive: " + lease);
        }
        List<String> ids = paymentIds.stream().distinct().toList();
        if (ids.isEmpty()) {
            return Set.of();
        }
        try {
            return Jdbc.inTransaction(dataSource, c -> {
                Set<String> claimed = new LinkedHashSet<>();
                for (String id : free(c, storeId, ids, now)) {
                    try (PreparedStatement ps = c.prepareStatement(TAKE)) {
                        ps.setString(1, nodeId);
                        Jdbc.setInstant(ps, 2, now.plus(lease));
                        ps.setString(3, id);
                        ps.setString(4, storeId);
                        Jdbc.setInstant(ps, 5, now);
                        if (ps.executeUpdate() == 1) {
                            claimed.add(id);
                        }
                    }
                }
                return claimed;
            });
        } catch (SQLException e) {
            throw new LedgerException("claiming payments of store " + storeId + " for node " + nodeId + " failed",
                    e);
        }
    }

    /** @return those of the ids whose lease is free and whose row no other transaction holds, now locked */
    private static List<String> free(Connection c, String storeId, List<String> ids, Instant now)
            throws SQLException {
        String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement("SELECT payment_id FROM tillpay_payment WHERE store_id = ?"
                + " AND payment_id IN (" + marks + ") AND " + FREE + " ORDER BY payment_id FOR UPDATE SKIP LOCKED")) {
            ps.setString(1, storeId);
            for (int i = 0; i < ids.size(); i++) {
                ps.setString(2 + i, ids.get(i));
            }
            Jdbc.setInstant(ps, 2 + ids.size(), now);
            List<String> free = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    free.add(rs.getString(1));
                }
            }
            return free;
        }
    }

    void release(String storeId, String nodeId, Map<String, Instant> claimableFrom) {
        Objects.requireNonNull(storeId, "storeId");
        requireNodeId(nodeId);
        if (claimableFrom.isEmpty()) {
            return;
        }
        try {
            Jdbc.inTransaction(dataSource, c -> {
                try (PreparedStatement ps = c.prepareStatement(RELEASE)) {
                    for (Map.Entry<String, Instant> e : claimableFrom.entrySet()) {
                        Jdbc.setInstant(ps, 1, Objects.requireNonNull(e.getValue(), "claimable from"));
                        ps.setString(2, e.getKey());
                        ps.setString(3, storeId);
                        ps.setString(4, nodeId);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                return null;
            });
        } catch (SQLException e) {
            throw new LedgerException("releasing payments of store " + storeId + " for node " + nodeId + " failed",
                    e);
        }
    }

    /** @see org.tillpay.ledger.PaymentLedger#storesAwaitingProvider */
    Set<String> storesAwaitingProvider(String pendingStatuses, Instant expiringAfter) {
        Objects.requireNonNull(expiringAfter, "expiringAfter");
        // each part is served by an index that leads with its condition (schema version 8), not with store_id
        String sql = "SELECT store_id FROM tillpay_payment WHERE status IN (" + pendingStatuses + ")"
                + " UNION SELECT store_id FROM tillpay_payment WHERE session_id IS NULL AND status <> 'FAILED'"
                + " AND expires_at > ?"
                + " UNION SELECT store_id FROM tillpay_payment_operation WHERE state IN (" + OperationRows.OPEN_STATES
                + ") UNION SELECT store_id FROM tillpay_callback_hint WHERE processed_at IS NULL";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.setInstant(ps, 1, expiringAfter);
            Set<String> stores = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stores.add(rs.getString(1));
                }
            }
            return stores;
        } catch (SQLException e) {
            throw new LedgerException("finding the stores with payments awaiting the provider failed", e);
        }
    }

    private static void requireNodeId(String nodeId) {
        if (nodeId == null || nodeId.isBlank() || nodeId.length() > MAX_NODE_ID) {
            throw new IllegalArgumentException("a node id has 1 to " + MAX_NODE_ID + " characters: " + nodeId);
        }
    }
}
