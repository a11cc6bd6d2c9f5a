package org.tillpay.shell.internal;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.Currency;

import org.tillpay.payment.api.PaymentHandle;
import org.tillpay.payment.api.StatusChange;

/** Prints a payment the way the shell commands show it. */
final class PaymentPrinter {

    private PaymentPrinter() {
    }

    static void print(PaymentHandle p, PrintStream out) {
        out.println("Payment : " + p.paymentId());
        out.println("Store   : " + p.storeId() + " (" + p.methodId() + ")");
        out.println("Sale    : " + p.saleReference());
        out.println("Amount  : " + major(p.amountMinor(), p.currency()) + " " + p.currency());
        out.println("Status  : " + p.status());
        out.println("Session : " + p.sessionId().orElse("-"));
        out.println("Link    : " + p.paymentUrl().orElse("-"));
        p.transactionId().ifPresent(t -> out.println("Transaction: " + t + " (" + p.paymentProduct().orElse("?") + ")"));
    }

    static void printHistory(PaymentHandle p, PrintStream out) {
        out.println("History :");
        for (StatusChange c : p.history()) {
            out.println("  " + c);
        }
    }

    static String major(long minor, String currency) {
        int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        return BigDecimal.valueOf(minor, digits).toPlainString();
    }
}
