package org.tillpay.reports.internal;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.tillpay.ledger.settlement.Settlement;

/**
 * Every payout in the period, by payout date, with its provider, status and amounts (captured, refunded, fees, paid
 * out); then a total per currency. What Dintero Backoffice shows as the payouts list, categorised by provider.
 */
final class PayoutsReport implements Report {

    private final ReportContext context;
    private final List<Settlement> settlements;

    PayoutsReport(ReportContext context, List<Settlement> settlements) {
        this.context = context;
        this.settlements = settlements;
    }

    @Override
    public Table table() {
        return new Table("Dintero payouts", context.notes(), List.of(Column.date("Payout date"),
                Column.text("Settlement", 14), Column.text("Provider", 8), Column.text("Provider reference", 12),
                Column.text("Status", 7), Column.text("Currency", 5), Column.money("Captured"),
                Column.money("Refunded"), Column.money("Fees"), Column.money("Paid out"), Column.text("Store", 6)));
    }

    @Override
    public long rows(TableWriter out) throws IOException {
        Totals totals = new Totals();
        for (Settlement s : settlements) {
            out.row(List.of(s.settledAt(), s.settlementId(), s.provider(), nullable(s.providerReference()),
                    s.paymentStatus(), s.currency(), Money.major(s.captureMinor(), s.currency()),
                    Money.major(s.refundMinor(), s.currency()), Money.major(s.feeMinor(), s.currency()),
                    Money.major(s.amountMinor(), s.currency()), nullable(s.storeId())));
            totals.add(s.currency(), 1, s.captureMinor(), s.refundMinor(), s.feeMinor(), s.amountMinor());
        }
        for (Map.Entry<String, Totals.Sum> e : totals.byCurrency().entrySet()) {
            String c = e.getKey();
            Totals.Sum t = e.getValue();
            out.total(Arrays.asList(null, t.payouts + " payouts", "Total", "", "", c, Money.major(t.capture, c),
                    Money.major(t.refund, c), Money.major(t.fee, c), Money.major(t.amount, c), ""));
        }
        return settlements.size();
    }

    static Object nullable(String text) {
        return text == null ? "" : text;
    }
}
