package org.tillpay.reports.internal;

import java.io.IOException;

/** One report: its table, and its rows written to a {@link TableWriter}. */
interface Report {

    /** @return its title, notes and columns */
    Table table();

    /**
     * Writes the rows, totals and footnotes (not start or finish).
     *
     * @return how many data rows
     */
    long rows(TableWriter out) throws IOException;
}
