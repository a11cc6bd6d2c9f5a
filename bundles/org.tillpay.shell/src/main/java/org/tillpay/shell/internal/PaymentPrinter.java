package org.tillpay.shell.internal;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.Currency;

import org.tillpay.payment.api.OperationOrigin;
import org.tillpay.payment.api.PaymentHandle;
import org.tillpay.payment.api.PaymentMethod;
import org.tillpay.payment.api.PaymentOperation;
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
        out.println("Status  : " + p.status() + (p.parked() ? " (parked, awaiting payment)" : ""));
        out.println("          " + p.status().explanation());
        if (p.capturedMinor() > 0 || p.refundedMinor() > 0) {
            out.println("Captured: " + major(p.capturedMinor(), p.currency()) + ", refunded: "
                    + major(p.refundedMinor(), p.currency()));
        }
        if (p.giftCardMinor() > 0) {
            out.println("Paid by : gift card " + major(p.giftCardMinor(), p.currency()) + ", "
                    + p.paymentProduct().orElse("other method") + " "
                    + major(p.amountMinor() - p.giftCardMinor(), p.currency()));
        }
        out.println("Session : " + p.sessionId().orElse("-"));
        out.println("Link    : " + p.paymentUrl().orElse("-"));
        p.expiresAt().ifPresent(at -> out.println("Expires : " + at));
        p.deliveryAddress().ifPresent(a -> out.println("Deliver : " + a.replace("\n", ", ")));
        p.transactionId().ifPresent(t -> out.println("Transaction: " + t + " (" + p.paymentProduct().orElse("?") + ")"));
        out.flush();
    }

    /**
     * Waits at the till: prints each new status as it is recorded, until the payment ends or the time is up.
     *
     * @return the payment as last seen
     */
    static PaymentHandle follow(PaymentMethod method, PaymentHandle start, int seconds, PrintStream out)
            throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        int shown = start.history().size();
        PaymentHandle now = start;
        out.println("Waiting up to " + seconds + " s for the customer (Ctrl-C stops waiting; the payment goes on)...");
        out.flush(); // the cashier must see each change as it happens
        while (System.nanoTime() < deadline) {
            now = method.findPayment(start.paymentId()).orElse(now);
            for (int i = shown; i < now.history().size(); i++) {
                out.println("  " + now.history().get(i));
                out.flush();
            }
            shown = now.history().size();
            if (now.status().isTerminal() || now.status().isPaid()) {
                out.println("Status  : " + now.status());
                return now;
            }
            Thread.sleep(200);
        }
        out.println("Still " + now.status() + " after " + seconds + " s; park it with tillpay:park " + now.paymentId());
        return now;
    }

    static void printHistory(PaymentHandle p, PrintStream out) {
        out.println("History :");
        for (StatusChange c : p.history()) {
            out.println("  " + c);
        }
    }

    static void printOperations(PaymentHandle p, PrintStream out) {
        if (p.operations().isEmpty()) {
            return;
        }
        out.println("Operations:");
        for (PaymentOperation o : p.operations()) {
            out.println("  " + o.createdAt() + " " + o.kind() + " " + major(o.amountMinor(), p.currency())
                    + (o.reference() == null ? "" : " ref " + o.reference()) + " " + o.state()
                    + (o.origin() == OperationOrigin.POS ? "" : " (" + o.origin() + ")") + " by " + o.requestedBy()
                    + (o.detail() == null ? "" : ": " + o.detail()));
        }
    }

    static String major(long minor, String currency) {
        if (currency == null || currency.isBlank()) {
            return Long.toString(minor);
        }
        int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        return BigDecimal.valueOf(minor, digits).toPlainString();
    }
}
