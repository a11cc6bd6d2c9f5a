package org.tillpay.reports;

/** The file formats a report is written in. */
public enum ReportFormat {

    /** Comma-separated values, RFC 4180, UTF-8; amounts with a dot as the decimal separator. */
    CSV("text/csv; charset=UTF-8", "csv"),
    /** An Excel workbook (Office Open XML) with one sheet; amounts as numbers, dates as dates. */
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    /** A printable PDF: A4 landscape, the title and filters on top, the table paged with its header repeated. */
    PDF("application/pdf", "pdf");

    private final String contentType;
    private final String extension;

    ReportFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    /** @return the media type to serve it with */
    public String contentType() {
        return contentType;
    }

    /** @return the file name extension, without the dot */
    public String extension() {
        return extension;
    }

    /**
     * @param text {@code csv}, {@code xlsx} or {@code pdf}, in any case
     * @return the format
     * @throws IllegalArgumentException naming the value when it is none of them
     */
    public static ReportFormat parse(String text) {
        for (ReportFormat f : values()) {
            if (f.extension.equalsIgnoreCase(text == null ? "" : text.strip())) {
                return f;
            }
        }
        throw new IllegalArgumentException("format: '" + text + "' is not csv, xlsx or pdf");
    }
}
