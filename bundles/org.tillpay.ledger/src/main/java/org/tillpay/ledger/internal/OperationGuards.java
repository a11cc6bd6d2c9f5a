package org.tillpay.ledger.internal;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.tillpay.ledger.NewOperation;
import org.tillpay.ledger.OperationLineAmount;
import org.tillpay.ledger.OperationRecord;
import org.tillpay.ledger.OperationRefusedException;
import org.tillpay.ledger.PaymentRecord;
import org.tillpay.payment.api.OperationKind;
import org.tillpay.payment.api.OperationState;
import org.tillpay.payment.api.PaymentLine;
import org.tillpay.payment.api.PaymentStatus;

/**
 * The rules that refuse an operation before anything is stored or sent (see {@code PaymentLedger.beginOperation}),
 * with messages for staff. Works on the payment as read under its row lock; touches no database.
 */
final class OperationGuards {

    private static final Set<PaymentStatus> CAPTURABLE = EnumSet.of(PaymentStatus.AUTHORIZED,
            PaymentStatus.PARTIALLY_CAPTURED, PaymentStatus.PARTIALLY_CAPTURED_REFUNDED);
    private static final Set<PaymentStatus> REFUNDABLE = EnumSet.of(PaymentStatus.CAPTURED,
            PaymentStatus.PARTIALLY_CAPTURED, PaymentStatus.PARTIALLY_REFUNDED,
            PaymentStatus.PARTIALLY_CAPTURED_REFUNDED);
    private static final Set<PaymentStatus> VOIDABLE = EnumSet.of(PaymentStatus.AUTHORIZED,
            PaymentStatus.PARTIALLY_CAPTURED);
    private static final Set<PaymentStatus> CAPTURED = EnumSet.of(PaymentStatus.CAPTURED,
            PaymentStatus.PARTIALLY_REFUNDED, PaymentStatus.REFUNDED, PaymentStatus.PARTIALLY_CAPTURED_REFUNDED);

    private OperationGuards() {
    }

    /**
     * @param p the payment with its operations, read with its row locked
     * @param saleLines the sale's lines
     * @param op the operation asked for
     * @return the operation's amount (for a void asked with 0: the remainder, what was not captured)
     * @throws OperationRefusedException when a rule refuses it
     */
    static long check(PaymentRecord p, List<PaymentLine> saleLines, NewOperation op) {
        p.openOperation().ifPresent(open -> {
            throw refused("paymentId", describe(open.kind(), open.reference()) + " is still "
                    + open.state().name().toLowerCase(Locale.ROOT) + " for sale " + p.saleReference()
                    + "; wait until it has finished before another capture, refund or void");
        });
        if (op.kind() != OperationKind.VOID && op.reference() != null) {
            checkReferenceUnused(p, op); // first: a repeated receipt number is a double click, whatever else is wrong
        }
        long amount = switch (op.kind()) {
            case CAPTURE -> checkCapture(p, op);
            case REFUND -> checkRefund(p, op);
            case VOID -> checkVoid(p, op);
        };
        if (op.kind() != OperationKind.VOID) {
            checkLines(p, saleLines, op);
        }
        return amount;
    }

    private static long checkCapture(PaymentRecord p, NewOperation op) {
        if (p.status() == PaymentStatus.CANCELLED) {
            throw refused("paymentId", "a cancelled order cannot be captured; the customer must place a new order");
        }
        if (!CAPTURABLE.contains(p.status())) {
            throw refused("paymentId", CAPTURED.contains(p.status())
                    ? "the payment is already fully captured (" + status(p) + "); nothing is left to capture"
                    : notPaid(p, "captured"));
        }
        if (p.remainderVoided()) {
            throw refused("paymentId", "the rest of the payment was released (voided); nothing is left to capture");
        }
        requireReference(op, "receipt");
        return requireAmount(p, op, p.amountMinor() - p.capturedMinor(), "capture");
    }

    private static long checkRefund(PaymentRecord p, NewOperation op) {
        if (!REFUNDABLE.contains(p.status())) {
            String why = switch (p.status()) {
                case AUTHORIZED -> "nothing was captured yet; cancel (void) the payment to release the money instead";
                case REFUNDED -> "the payment is already fully refunded";
                case CANCELLED -> "the payment was cancelled; nothing was charged";
                default -> notPaid(p, "refunded");
            };
            throw refused("paymentId", why);
        }
        requireReference(op, "return receipt");
        return requireAmount(p, op, p.capturedMinor() - p.refundedMinor(), "refund");
    }

    private static long checkVoid(PaymentRecord p, NewOperation op) {
        if (CAPTURED.contains(p.status())) {
            throw refused("paymentId", "the payment is fully captured (" + status(p) + "); refund it instead");
        }
        if (p.status() == PaymentStatus.CANCELLED) {
            throw refused("paymentId", "the payment is already cancelled");
        }
        if (!VOIDABLE.contains(p.status())) {
            throw refused("paymentId", notPaid(p, "cancelled (voided)"));
        }
        if (p.remainderVoided()) {
            throw refused("paymentId", "the rest of the payment was already released (voided)");
        }
        long remainder = p.amountMinor() - p.capturedMinor();
        if (op.amountMinor() != 0 && op.amountMinor() != remainder) {
            throw refused("amountMinor", "a void releases all that is not captured, " + money(p, remainder)
                    + ", not " + money(p, op.amountMinor()));
        }
        return remainder;
    }

    private static void requireReference(NewOperation op, String what) {
        String kind = op.kind().name().toLowerCase(Locale.ROOT);
        if (op.reference() == null || op.reference().isBlank()) {
            throw refused("reference", "a " + kind + " needs the " + what + " number as its reference");
        }
        if (op.reference().length() > 255) {
            throw refused("reference", "the reference of a " + kind + " has at most 255 characters");
        }
    }

    private static long requireAmount(PaymentRecord p, NewOperation op, long left, String what) {
        if (op.amountMinor() <= 0) {
            throw refused("amountMinor", "the amount to " + what + " must be more than 0");
        }
        if (op.amountMinor() > left) {
            throw refused("amountMinor", "cannot " + what + " " + money(p, op.amountMinor()) + ": only "
                    + money(p, left) + " is left to " + what + " on sale " + p.saleReference());
        }
        return op.amountMinor();
    }

    private static void checkLines(PaymentRecord p, List<PaymentLine> saleLines, NewOperation op) {
        if (op.lines().isEmpty()) {
            return;
        }
        String encoded = OperationLines.encode(op.lines());
        if (encoded.length() > OperationRows.MAX_LINES_TEXT) {
            throw refused("lines", "too many lines in one " + op.kind().name().toLowerCase(Locale.ROOT)
                    + "; split it in several");
        }
        Map<String, long[]> sale = new LinkedHashMap<>();
        saleLines.forEach(l -> add(sale, l.lineId(), l.quantity(), l.amountMinor()));
        Map<String, long[]> asked = new LinkedHashMap<>();
        op.lines().forEach(l -> add(asked, l.lineId(), l.quantity(), l.amountMinor()));
        boolean capture = op.kind() == OperationKind.CAPTURE;
        // a capture made by amount only may have taken any line: then every line counts as captured in full
        boolean capturedByAmount = p.operations().stream().anyMatch(o -> o.kind() == OperationKind.CAPTURE
                && o.state() == OperationState.SUCCEEDED && o.lines().isEmpty());
        Map<String, long[]> captured = sumLines(p, OperationKind.CAPTURE, capture);
        Map<String, long[]> refunded = sumLines(p, OperationKind.REFUND, true);
        for (Map.Entry<String, long[]> e : asked.entrySet()) {
            long[] onSale = sale.get(e.getKey());
            if (onSale == null) {
                throw refused("lines", "line " + e.getKey() + " is not on sale " + p.saleReference());
            }
            long[] used = captured.getOrDefault(e.getKey(), new long[2]);
            long[] left;
            if (capture) {
                left = new long[] {onSale[0] - used[0], onSale[1] - used[1]};
            } else {
                long[] base = capturedByAmount ? onSale : used;
                long[] back = refunded.getOrDefault(e.getKey(), new long[2]);
                left = new long[] {base[0] - back[0], base[1] - back[1]};
            }
            String what = capture ? "capture" : "refund";
            if (e.getValue()[0] > left[0] || e.getValue()[1] > left[1]) {
                throw refused("lines", "line " + e.getKey() + ": cannot " + what + " " + e.getValue()[0] + " ("
                        + money(p, e.getValue()[1]) + "); only " + Math.max(0, left[0]) + " ("
                        + money(p, Math.max(0, left[1])) + ") left to " + what + " on sale " + p.saleReference());
            }
        }
    }

    /** @return per line id, quantity and amount of the payment's operations of a kind that succeeded (or are open) */
    private static Map<String, long[]> sumLines(PaymentRecord p, OperationKind kind, boolean withOpen) {
        Map<String, long[]> sums = new LinkedHashMap<>();
        for (OperationRecord o : p.operations()) {
            if (o.kind() == kind && (o.state() == OperationState.SUCCEEDED || withOpen && !o.state().isSettled())) {
                o.lines().forEach(l -> add(sums, l.lineId(), l.quantity(), l.amountMinor()));
            }
        }
        return sums;
    }

    private static void add(Map<String, long[]> sums, String lineId, long quantity, long amountMinor) {
        long[] sum = sums.computeIfAbsent(lineId, k -> new long[2]);
        sum[0] += quantity;
        sum[1] += amountMinor;
    }

    private static void checkReferenceUnused(PaymentRecord p, NewOperation op) {
        for (OperationRecord o : p.operations()) {
            if (o.kind() == op.kind() && op.reference().equals(o.reference()) && o.state() != OperationState.FAILED) {
                throw refused("reference", describe(o.kind(), o.reference()) + " was already made on "
                        + o.createdAt().atOffset(ZoneOffset.UTC).toLocalDate() + "; use a new "
                        + (o.kind() == OperationKind.CAPTURE ? "receipt" : "return receipt") + " number");
            }
        }
    }

    /** @return e.g. {@code capture RCPT-1}, or {@code void} */
    static String describe(OperationKind kind, String reference) {
        return kind.name().toLowerCase(Locale.ROOT) + (reference == null ? "" : " " + reference);
    }

    private static String notPaid(PaymentRecord p, String what) {
        return "the payment is not paid (" + status(p) + "); only a paid payment can be " + what;
    }

    private static String status(PaymentRecord p) {
        return "status " + p.status();
    }

    /** @return e.g. {@code NOK 15.00} */
    static String money(PaymentRecord p, long minor) {
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(p.currency()).getDefaultFractionDigits());
        } catch (IllegalArgumentException | NullPointerException e) {
            digits = 2;
        }
        return p.currency() + " " + BigDecimal.valueOf(minor, digits).toPlainString();
    }

    private static OperationRefusedException refused(String field, String message) {
        return new OperationRefusedException(field, message);
    }
}
