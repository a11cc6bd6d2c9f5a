package org.tillpay.reports.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.tillpay.ledger.settlement.ReconciliationLine;
import org.tillpay.ledger.settlement.ReconciliationLine.Outcome;
import org.tillpay.ledger.settlement.SettlementStore;
import org.tillpay.reports.PayoutWindow;

/**
 * The store's sales against its payouts, streamed from the ledger's reconciliation: one row per transaction with its
 * outcome, when it was sold, what the POS took, what was settled and the fees, the settlements it is in, for a sale
 * not settled yet its expected payout window ({@link PayoutWindow}), and the Dintero payment method's accounting
 * number; then the count per outcome.
 */
final class ReconciliationReport implements Report {

    private final ReportContext context;
    private final SettlementStore store;

    ReconciliationReport(ReportContext context, SettlementStore store) {
        this.context = context;
        this.store = store;
    }

    @Override
    public Table table() {
        return new Table("Reconciliation of sales and Dintero payouts", context.notes(), List.of(
                Column.text("Outcome", 10), Column.text("Transaction", 23), Column.text("Sale", 8),
                new Column("Sold", Column.Type.DATE, 8), Column.text("Merchant reference", 7), Column.text("Store", 4),
                Column.text("Payment method", 11), Column.text("Currency", 4),
                new Column("POS net", Column.Type.MONEY, 7), new Column("Settled net", Column.Type.MONEY, 7),
                new Column("Fees", Column.Type.MONEY, 6), new Column("Difference", Column.Type.MONEY, 7),
                Column.text("Settlements", 10), Column.text("Expected payout", 12),
                Column.text("Accounting no.", 7)));
    }

    @Override
    public long rows(TableWriter out) throws IOException {
        Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        try {
            store.reconcile(context.accountId(), context.request().storeId(), context.request().from(),
                    context.request().to(), line -> {
                        counts.merge(line.outcome(), 1L, Long::sum);
                        try {
                            out.row(cells(line));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        StringBuilder summary = new StringBuilder("Summary:");
        for (Outcome o : Outcome.values()) {
            summary.append(' ').append(o).append(' ').append(counts.getOrDefault(o, 0L)).append(',');
        }
        out.footnote(summary.substring(0, summary.length() - 1));
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private List<Object> cells(ReconciliationLine l) {
        String c = l.currency();
        LocalDate sold = l.soldAt() == null ? null : LocalDate.ofInstant(l.soldAt(), ZoneOffset.UTC);
        String expected = PayoutWindow.of(l).map(PayoutWindow::toString).orElse(null);
        return Arrays.asList(l.outcome().name(), l.transactionId(), l.saleReference(), sold, l.merchantReference(),
                l.storeId(), l.paymentProductType(), c, Money.major(l.posNetMinor(), c),
                Money.major(l.settledNetMinor(), c), Money.major(l.feeMinor(), c),
                Money.major(l.settledNetMinor() - l.posNetMinor(), c), String.join(" ", l.settlementIds()), expected,
                context.accountingNumber());
    }
}
