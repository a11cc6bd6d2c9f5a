package org.tillpay.reports;

/** What a report shows. */
public enum ReportKind {

    /** Every payout of the store's account in the period, per payment provider, with its fees; totals per currency. */
    PAYOUTS,
    /** Payouts and fees per calendar month (of the payout date) and provider, with a total per month. */
    MONTHLY_SUMMARY,
    /** One settlement's normalised report as stored: one line per settled capture or refund, with its fee. */
    SETTLEMENT,
    /** One settlement's source file from the payment provider (a CSV one, read as a table). */
    SOURCE_FILE,
    /**
     * The store's sales against its payouts: matched, settled but unknown to the POS, sold but not settled yet (with
     * the expected payout window) and amount mismatches, each with the payment method's accounting number.
     */
    RECONCILIATION
}
