package org.tillpay.reports;

import java.util.Objects;

/**
 * A report as written.
 *
 * @param fileName a file name to save it under ({@code payouts-012-2026-11.xlsx})
 * @param contentType its media type
 * @param rows how many data rows it holds (totals and summary rows not counted)
 */
public record ReportFile(String fileName, String contentType, long rows) {

    /** Checks the fields. */
    public ReportFile {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(contentType, "contentType");
    }
}
