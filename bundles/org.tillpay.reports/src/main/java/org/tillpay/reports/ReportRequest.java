package org.tillpay.reports;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Which report, for which store, in which format, with which filters.
 *
 * @param kind what the report shows
 * @param storeId the store (its settlement source gives the account and the accounting number)
 * @param format the file format
 * @param provider only this payment provider ({@code vipps}, {@code payex}, ...), or null for all; payouts and the
 *        monthly summary only
 * @param from first day (inclusive) of the period, or null: payout dates, or sale dates for the POS side of a
 *        reconciliation
 * @param to last day (inclusive) of the period, or null
 * @param settlementId the settlement, for {@link ReportKind#SETTLEMENT} and {@link ReportKind#SOURCE_FILE} only
 */
public record ReportRequest(ReportKind kind, String storeId, ReportFormat format, String provider, LocalDate from,
        LocalDate to, String settlementId) {

    /**
     * Checks the request.
     *
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public ReportRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(format, "format");
        if (storeId == null || storeId.isBlank()) {
            throw new IllegalArgumentException("store: required");
        }
        boolean oneSettlement = kind == ReportKind.SETTLEMENT || kind == ReportKind.SOURCE_FILE;
        if (oneSettlement && (settlementId == null || settlementId.isBlank())) {
            throw new IllegalArgumentException("settlement: required for the " + kind + " report");
        }
        if (!oneSettlement && settlementId != null) {
            throw new IllegalArgumentException("settlement: only for the SETTLEMENT and SOURCE_FILE reports");
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("from: " + from + " is after to: " + to);
        }
        provider = provider == null || provider.isBlank() ? null : provider.strip();
    }

    /** @return the same request for another store */
    public ReportRequest withStore(String otherStoreId) {
        return new ReportRequest(kind, otherStoreId, format, provider, from, to, settlementId);
    }

    /** @return a request for a whole-account report without filters */
    public static ReportRequest of(ReportKind kind, String storeId, ReportFormat format) {
        return new ReportRequest(kind, storeId, format, null, null, null, null);
    }

    /** @return a request for one settlement's report */
    public static ReportRequest ofSettlement(ReportKind kind, String storeId, String settlementId,
            ReportFormat format) {
        return new ReportRequest(kind, storeId, format, null, null, null, settlementId);
    }
}
