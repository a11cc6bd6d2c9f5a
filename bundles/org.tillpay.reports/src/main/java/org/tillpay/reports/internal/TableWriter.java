package org.tillpay.reports.internal;

import java.io.IOException;
import java.util.List;

/**
 * Writes a {@link Table} in one format: {@link #start}, then rows, then {@link #finish}. Cells come in column order,
 * typed as the columns say.
 */
interface TableWriter {

    /** Writes the title, the notes and the header. */
    void start(Table table) throws IOException;

    /** Writes a data row. */
    void row(List<Object> cells) throws IOException;

    /** Writes a totals row (left out of CSV, which holds data rows only). */
    void total(List<Object> cells) throws IOException;

    /** Writes a closing note such as a summary (left out of CSV). */
    void footnote(String text) throws IOException;

    /** Ends the file; the stream stays open. */
    void finish() throws IOException;
}
