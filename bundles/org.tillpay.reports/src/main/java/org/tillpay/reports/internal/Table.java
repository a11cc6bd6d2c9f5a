package org.tillpay.reports.internal;

import java.util.List;
import java.util.Objects;

/**
 * A report's shape: its title, the lines that say what it covers (store, account, filters), and its columns. Rows
 * are pushed to a {@link TableWriter} one at a time.
 *
 * @param title the title (the XLSX sheet is named after it)
 * @param notes what it covers, one line each
 * @param columns its columns
 */
record Table(String title, List<String> notes, List<Column> columns) {

    Table {
        Objects.requireNonNull(title, "title");
        notes = List.copyOf(notes);
        columns = List.copyOf(columns);
    }
}
