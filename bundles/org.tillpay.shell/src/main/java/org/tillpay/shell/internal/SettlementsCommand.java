package org.tillpay.shell.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.tillpay.ledger.settlement.MonthlySummary;
import org.tillpay.ledger.settlement.Settlement;
import org.tillpay.payment.api.SettlementSource;

/**
 * {@code tillpay:settlements}: the payouts of a store's account, by payment provider, as Dintero Backoffice lists
 * them; {@code --monthly} sums payouts and fees per calendar month; {@code --fetch} asks Dintero first.
 */
@Service
@Command(scope = "tillpay", name = "settlements", description = "Lists a store's payouts (settlements) by payment method, or sums them per month")
public class SettlementsCommand extends SettlementCommand {

    @Option(name = "--fetch", description = "Fetch new settlements from Dintero first")
    boolean fetch;

    @Option(name = "--monthly", description = "Payouts and fees summed per calendar month and payment provider")
    boolean monthly;

    @Option(name = "--provider", description = "Only this payment provider (vipps, payex, klarna, collector, dintero_psp, swish)")
    String provider;

    @Override
    public Object execute() throws Exception {
        SettlementSource source = source();
        if (fetch) {
            try {
                List<String> added = source.fetchSettlements().toCompletableFuture().get(120, TimeUnit.SECONDS);
                System.out.println("Fetched: " + added.size() + " new settlement(s)");
            } catch (ExecutionException e) {
                throw new IllegalStateException("Fetch failed: " + e.getCause().getMessage(), null);
            }
        }
        LocalDate fromDate = fromDate();
        LocalDate toDate = toDate();
        ShellTable table = new ShellTable();
        if (monthly) {
            for (String c : new String[] {"Month", "Provider", "Payouts", "Captured", "Refunded", "Fees", "Paid out", "Currency"}) {
                table.column(c);
            }
            for (MonthlySummary m : settlements.monthlySummary(source.accountId(), provider, fromDate, toDate)) {
                table.addRow().addContent(m.month(), m.provider(), m.settlements(), PaymentPrinter.major(m.captureMinor(),
                        m.currency()), PaymentPrinter.major(m.refundMinor(), m.currency()),
                        PaymentPrinter.major(m.feeMinor(), m.currency()), PaymentPrinter.major(m.amountMinor(),
                                m.currency()), m.currency());
            }
        } else {
            for (String c : new String[] {"Payout date", "Provider", "Settlement", "Status", "Captured", "Refunded", "Fees", "Paid out", "Currency"}) {
                table.column(c);
            }
            for (Settlement s : settlements.settlements(source.accountId(), provider, fromDate, toDate)) {
                table.addRow().addContent(s.settledAt(), s.provider(), s.settlementId(), s.paymentStatus(),
                        PaymentPrinter.major(s.captureMinor(), s.currency()), PaymentPrinter.major(s.refundMinor(),
                                s.currency()), PaymentPrinter.major(s.feeMinor(), s.currency()),
                        PaymentPrinter.major(s.amountMinor(), s.currency()), s.currency());
            }
        }
        table.print(System.out);
        return null;
    }
}
