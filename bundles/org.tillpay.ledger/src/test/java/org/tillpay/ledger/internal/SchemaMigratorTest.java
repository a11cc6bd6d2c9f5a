package org.tillpay.ledger.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Statement splitting of migration scripts, without a database. */
class SchemaMigratorTest {

    @Test
    void splitsAtSemicolonsThatEndALineOnly() {
        String script = "-- a comment; with a semicolon;\n"
                + "CREATE TABLE a (x varchar(3) DEFAULT ';');\n"
                + "\n"
                + "INSERT INTO a VALUES ('1;2')  ;  \r\n"
                + "CREATE INDEX a_ix\n  ON a (x);";
        assertEquals(List.of("CREATE TABLE a (x varchar(3) DEFAULT ';')", "INSERT INTO a VALUES ('1;2')",
                "CREATE INDEX a_ix\n  ON a (x)"), SchemaMigrator.split(script));
    }

    @Test
    void emptyAndCommentOnlyScriptsHaveNoStatements() {
        assertEquals(List.of(), SchemaMigrator.split(""));
        assertEquals(List.of(), SchemaMigrator.split("-- nothing here;\n  -- nor here\n;\n"));
    }

    @Test
    void theMigrationsAreListedInOrder() {
        assertEquals(List.of("V1__payments.sql", "V2__parking_address_callbacks.sql", "V3__operations_audit.sql",
                "V4__settlements.sql", "V5__settlement_files_forwards.sql", "V6__reconciliation_index.sql",
                "V7__row_locks_poll_leases.sql", "V8__poller_work_indexes.sql", "V9__drop_indexes_replaced_by_v8.sql"),
                SchemaMigrator.MIGRATIONS);
    }

    @Test
    void everyListedMigrationIsAResourceOfStatements() throws IOException {
        for (String name : SchemaMigrator.MIGRATIONS) {
            try (InputStream in = SchemaMigrator.class.getResourceAsStream(SchemaMigrator.RESOURCE_FOLDER + name)) {
                assertTrue(in != null, name + " missing");
                List<String> statements = SchemaMigrator.split(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                assertTrue(statements.stream().allMatch(s -> s.startsWith("CREATE ") || s.startsWith("ALTER TABLE ")
                        || s.startsWith("DROP INDEX ")),
                        statements.toString());
                if (name.equals("V1__payments.sql")) {
                    assertEquals(5, statements.size(), statements.toString());
                }
                if (name.equals("V2__parking_address_callbacks.sql")) {
                    assertEquals(4, statements.size(), statements.toString());
                }
                if (name.equals("V3__operations_audit.sql")) {
                    assertEquals(10, statements.size(), statements.toString());
                }
                if (name.equals("V4__settlements.sql")) {
                    assertEquals(6, statements.size(), statements.toString());
                }
                if (name.equals("V6__reconciliation_index.sql")) {
                    assertEquals(1, statements.size(), statements.toString());
                }
            }
        }
    }
}
