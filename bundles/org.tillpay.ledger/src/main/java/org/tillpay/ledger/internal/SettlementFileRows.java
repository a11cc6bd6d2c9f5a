package org.tillpay.ledger.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.tillpay.ledger.settlement.Settlement;
import org.tillpay.ledger.settlement.SettlementFile;

/** SQL of a settlement's files ({@code tillpay_settlement_file}) and its e-mail forwards (schema version 5). */
final class SettlementFileRows {

    private static final String FILE_COLUMNS = "attachment_id, file_name, content_type, created_by, size_bytes";

    private SettlementFileRows() {
    }

    /** @throws IllegalArgumentException when two files share an attachment id (the transaction then rolls back) */
    static void insertFiles(Connection c, String settlementId, List<SettlementFile.Content> files)
            throws SQLException {
        Set<String> ids = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tillpay_settlement_file (settlement_id, "
                + FILE_COLUMNS + ", content) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (SettlementFile.Content content : files) {
                SettlementFile f = content.file();
                if (!ids.add(f.attachmentId())) {
                    throw new IllegalArgumentException("settlement " + settlementId + " has attachment "
                            + f.attachmentId() + " twice");
                }
                ps.setString(1, settlementId);
                ps.setString(2, f.attachmentId());
                ps.setString(3, Jdbc.cut(f.fileName(), 255));
                ps.setString(4, Jdbc.cut(f.contentType(), 128));
                ps.setString(5, f.createdBy() == null ? null : Jdbc.cut(f.createdBy(), 64));
                ps.setLong(6, f.sizeBytes());
                ps.setBytes(7, content.bytes());
                ps.executeUpdate();
            }
        }
    }

    static List<SettlementFile> files(Connection c, String settlementId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + FILE_COLUMNS + " FROM tillpay_settlement_file"
                + " WHERE settlement_id = ? ORDER BY CASE WHEN created_by = 'dintero' THEN 0 ELSE 1 END,"
                + " attachment_id")) {
            ps.setString(1, settlementId);
            try (ResultSet rs = ps.executeQuery()) {
                List<SettlementFile> files = new ArrayList<>();
                while (rs.next()) {
                    files.add(file(rs));
                }
                return files;
            }
        }
    }

    /** Streams the file's bytes to {@code out} in chunks; the database's stream is never held whole here. */
    static Optional<SettlementFile> copy(Connection c, String settlementId, String attachmentId, OutputStream out)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + FILE_COLUMNS + ", content FROM"
                + " tillpay_settlement_file WHERE settlement_id = ? AND attachment_id = ?")) {
            ps.setString(1, settlementId);
            ps.setString(2, attachmentId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                SettlementFile file = file(rs);
                try (InputStream in = rs.getBinaryStream("content")) {
                    in.transferTo(out);
                } catch (IOException e) {
                    throw new UncheckedIOException("writing file " + attachmentId + " of settlement " + settlementId
                            + " failed", e);
                }
                return Optional.of(file);
            }
        }
    }

    static List<Settlement> awaitingForward(Connection c, String accountId, String storeId, Instant fetchedSince)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + SettlementRows.SETTLEMENT_COLUMNS
                + " FROM tillpay_settlement s WHERE s.account_id = ? AND (s.store_id = ? OR s.store_id IS NULL)"
                + " AND s.fetched_at >= ? AND NOT EXISTS (SELECT 1 FROM tillpay_settlement_forward f"
                + " WHERE f.settlement_id = s.settlement_id AND f.store_id = ?)"
                + " ORDER BY s.fetched_at, s.settlement_id")) {
            ps.setString(1, accountId);
            ps.setString(2, storeId);
            Jdbc.setInstant(ps, 3, fetchedSince);
            ps.setString(4, storeId);
            try (ResultSet rs = ps.executeQuery()) {
                List<Settlement> settlements = new ArrayList<>();
                while (rs.next()) {
                    settlements.add(SettlementRows.settlement(rs));
                }
                return settlements;
            }
        }
    }

    /** @return false when the forward was recorded already */
    static boolean insertForward(Connection c, String settlementId, String storeId, String recipient, Instant at)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tillpay_settlement_forward (settlement_id,"
                + " store_id, recipient, forwarded_at) SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM"
                + " tillpay_settlement_forward WHERE settlement_id = ? AND store_id = ?)")) {
            ps.setString(1, settlementId);
            ps.setString(2, storeId);
            ps.setString(3, Jdbc.cut(recipient, 320));
            Jdbc.setInstant(ps, 4, at);
            ps.setString(5, settlementId);
            ps.setString(6, storeId);
            return ps.executeUpdate() > 0;
        }
    }

    private static SettlementFile file(ResultSet rs) throws SQLException {
        return new SettlementFile(rs.getString("attachment_id"), rs.getString("file_name"),
                rs.getString("content_type"), rs.getString("created_by"), rs.getLong("size_bytes"));
    }
}
