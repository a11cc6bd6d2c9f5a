package org.tillpay.reports.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

import org.tillpay.ledger.settlement.Settlement;
import org.tillpay.ledger.settlement.SettlementStore;

/**
 * One settlement's normalised report, as stored from Dintero's JSON report: one row per settled capture or refund,
 * with its fee and net effect on the payout, streamed from the ledger; then the settlement's own totals.
 */
final class SettlementLinesReport implements Report {

    private static final java.time.format.DateTimeFormatter EVENT_TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss").withZone(java.time.ZoneOffset.UTC);

    private final ReportContext context;
    private final SettlementStore store;
    private final Settlement settlement;

    SettlementLinesReport(ReportContext context, SettlementStore store, Settlement settlement) {
        this.context = context;
        this.store = store;
        this.settlement = settlement;
    }

    @Override
    public Table table() {
        List<String> notes = new java.util.ArrayList<>(context.notes());
        notes.add(1, "Provider " + settlement.provider() + ", payout date " + settlement.settledAt() + ", "
                + settlement.paymentStatus());
        return new Table("Dintero settlement " + settlement.settlementId(), notes, List.of(new Column("Line", Column.Type.COUNT, 4),
                Column.text("Transaction", 20), Column.text("Merchant reference", 10), Column.text("Store", 4),
                Column.text("Payment method", 13), Column.text("Event", 6), new Column("Amount", Column.Type.MONEY, 8),
                new Column("Fee", Column.Type.MONEY, 7), new Column("Net", Column.Type.MONEY, 8),
                Column.text("Currency", 5), Column.text("Event time (UTC)", 10)));
    }

    @Override
    public long rows(TableWriter out) throws IOException {
        long[] count = new long[1];
        try {
            store.lines(settlement.settlementId(), l -> {
                long net = l.signedAmountMinor() - l.feeMinor();
                try {
                    out.row(Arrays.asList((long) l.lineNo(), l.transactionId(), l.merchantReference(), l.storeId(),
                            l.paymentProductType(), l.event(), Money.major(l.amountMinor(), l.currency()),
                            Money.major(l.feeMinor(), l.currency()), Money.major(net, l.currency()), l.currency(),
                            l.eventAt() == null ? null : EVENT_TIME.format(l.eventAt())));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                count[0]++;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        String c = settlement.currency();
        out.total(Arrays.asList(null, count[0] + (count[0] == 1 ? " line" : " lines"), null, null, null, "Paid out",
                Money.major(settlement.captureMinor() - settlement.refundMinor(), c),
                Money.major(settlement.feeMinor(), c), Money.major(settlement.amountMinor(), c), c, null));
        return count[0];
    }
}
