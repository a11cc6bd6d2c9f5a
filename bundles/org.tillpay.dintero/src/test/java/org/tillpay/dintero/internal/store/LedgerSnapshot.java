package org.tillpay.dintero.internal.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

/**
 * Every row of every table of the ledger's database (payments, their history, callback hints, operations, audit,
 * settlements), as text: two snapshots are equal when nothing in the ledger changed.
 *
 * @param tables each table's rows, sorted, by table name
 */
record LedgerSnapshot(Map<String, List<String>> tables) {

    /**
     * @param database the ledger's database
     * @return its rows now
     */
    static LedgerSnapshot of(DataSource database) {
        Map<String, List<String>> tables = new TreeMap<>();
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                    + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE'")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String name : names) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT * FROM \"" + name + "\"")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= columns; i++) {
                            row.append(i == 1 ? "" : " | ").append(rs.getString(i));
                        }
                        rows.add(row.toString());
                    }
                }
                rows.sort(null);
                tables.put(name, rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("ledger snapshot failed", e);
        }
        if (!tables.containsKey("TILLPAY_PAYMENT")) {
            throw new IllegalStateException("no ledger tables found: " + tables.keySet());
        }
        return new LedgerSnapshot(tables);
    }

    /** @return the number of rows of the table that mention the text (a payment id, say) */
    long rows(String table, String mentioning) {
        return tables.getOrDefault(table, List.of()).stream().filter(row -> row.contains(mentioning)).count();
    }
}
