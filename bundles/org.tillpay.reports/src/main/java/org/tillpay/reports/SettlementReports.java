package org.tillpay.reports;

import java.io.IOException;
import java.io.OutputStream;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Writes settlement reports (see {@link ReportKind}) as files. A service; reports are streamed: a reconciliation of
 * any size is written with the memory of one row (XLSX and PDF keep more: see {@link ReportFormat}).
 */
@ProviderType
public interface SettlementReports {

    /**
     * Writes a report.
     *
     * @param request which report
     * @param out where it goes (not closed)
     * @return what was written
     * @throws IllegalArgumentException naming the field when the store, the settlement or the source file is
     *         unknown, or the source file is not a table (nothing is written)
     * @throws IOException when writing to {@code out} fails
     */
    ReportFile write(ReportRequest request, OutputStream out) throws IOException;
}
