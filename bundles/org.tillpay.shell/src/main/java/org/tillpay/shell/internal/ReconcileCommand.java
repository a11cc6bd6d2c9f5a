package org.tillpay.shell.internal;

import java.util.EnumMap;
import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.tillpay.ledger.settlement.ReconciliationLine;
import org.tillpay.payment.api.SettlementSource;
import org.tillpay.reports.PayoutWindow;

/**
 * {@code tillpay:reconcile}: the store's sales against Dintero's payouts, one line per transaction, each with the
 * payment method's accounting number: matched, settled but unknown to the POS, sold but not settled yet (with the
 * expected payout window), or amounts that differ.
 */
@Service
@Command(scope = "tillpay", name = "reconcile", description = "Matches a store's sales against Dintero's payouts")
public class ReconcileCommand extends SettlementCommand {

    @Option(name = "--all", description = "Show matched lines too (by default only what needs attention)")
    boolean all;

    @Override
    public Object execute() {
        SettlementSource source = source();
        ShellTable table = new ShellTable();
        for (String c : new String[] {"Outcome", "Transaction", "Sale", "Method", "POS net", "Settled", "Fees", "Settlements", "Expected payout", "Account no."}) {
            table.column(c);
        }
        Map<ReconciliationLine.Outcome, Integer> counts = new EnumMap<>(ReconciliationLine.Outcome.class);
        settlements.reconcile(source.accountId(), storeId, fromDate(),
                toDate(), line -> {
                    counts.merge(line.outcome(), 1, Integer::sum);
                    if (all || line.outcome() != ReconciliationLine.Outcome.MATCHED) {
                        table.addRow().addContent(line.outcome(), line.transactionId(),
                                line.saleReference() == null ? "-" : line.saleReference(),
                                line.paymentProductType() == null ? "-" : line.paymentProductType(),
                                PaymentPrinter.major(line.posNetMinor(), line.currency()),
                                PaymentPrinter.major(line.settledNetMinor(), line.currency()),
                                PaymentPrinter.major(line.feeMinor(), line.currency()),
                                String.join(" ", line.settlementIds()), expectedPayout(line),
                                source.accountingNumber());
                    }
                });
        table.print(System.out);
        System.out.println("Summary: " + counts);
        return null;
    }

    /** @return the expected payout window of a sale not settled yet, else "-" */
    static String expectedPayout(ReconciliationLine line) {
        return PayoutWindow.of(line).map(PayoutWindow::toString).orElse("-");
    }
}
