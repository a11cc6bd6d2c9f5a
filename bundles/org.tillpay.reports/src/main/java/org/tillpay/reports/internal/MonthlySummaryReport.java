package org.tillpay.reports.internal;

import java.io.IOException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.tillpay.ledger.settlement.MonthlySummary;

/**
 * Payouts and fees per calendar month of the payout date: one row per provider and currency, then the month's total
 * across providers ("All"), as Dintero Backoffice's monthly summary. The "All" rows are data: they are what the
 * summary is for, so the CSV has them too.
 */
final class MonthlySummaryReport implements Report {

    private final ReportContext context;
    private final List<MonthlySummary> months;

    MonthlySummaryReport(ReportContext context, List<MonthlySummary> months) {
        this.context = context;
        this.months = months;
    }

    @Override
    public Table table() {
        return new Table("Dintero payouts by month", context.notes(), List.of(Column.text("Month", 7),
                Column.text("Provider", 9), Column.text("Currency", 5), Column.count("Payouts"),
                Column.money("Captured"), Column.money("Refunded"), Column.money("Fees"), Column.money("Paid out")));
    }

    @Override
    public long rows(TableWriter out) throws IOException {
        long rows = 0;
        YearMonth month = null;
        Totals all = new Totals();
        for (MonthlySummary m : months) {
            if (month != null && !month.equals(m.month())) {
                rows += allProviders(out, month, all);
            }
            month = m.month();
            out.row(row(m.month(), m.provider(), m.currency(), m.settlements(), m.captureMinor(), m.refundMinor(),
                    m.feeMinor(), m.amountMinor()));
            rows++;
            all.add(m.currency(), m.settlements(), m.captureMinor(), m.refundMinor(), m.feeMinor(), m.amountMinor());
        }
        if (month != null) {
            rows += allProviders(out, month, all);
        }
        return rows;
    }

    private static int allProviders(TableWriter out, YearMonth month, Totals all) throws IOException {
        int rows = 0;
        for (Map.Entry<String, Totals.Sum> e : all.byCurrency().entrySet()) {
            Totals.Sum t = e.getValue();
            out.row(row(month, "All", e.getKey(), t.payouts, t.capture, t.refund, t.fee, t.amount));
            rows++;
        }
        all.clear();
        return rows;
    }

    private static List<Object> row(YearMonth month, String provider, String currency, long payouts, long capture,
            long refund, long fee, long amount) {
        return new ArrayList<>(Arrays.asList(month.toString(), provider, currency, payouts,
                Money.major(capture, currency), Money.major(refund, currency), Money.major(fee, currency),
                Money.major(amount, currency)));
    }
}
