package org.tillpay.itests;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tillpay.dintero.emulator.DinteroEmulator;
import org.tillpay.dintero.emulator.SessionSummary;

/**
 * The reliability invariants, checked against Dintero's ground truth (the emulator's sessions and transactions) and
 * the ledger as the nodes wrote it in PostgreSQL (read directly, never through Tillpay). Each check names what it
 * checked and lists every violation with the payment, session or transaction it is about. The invariants hold for
 * sales paid with methods that authorize (no auto-capture, no Swish) and sale references unique across stores (so
 * that a merchant reference names one sale).
 */
final class PaymentInvariants {

    /** Ledger statuses of a paid payment. */
    private static final Set<String> PAID = Set.of("AUTHORIZED", "PARTIALLY_CAPTURED", "PARTIALLY_CAPTURED_REFUNDED",
            "CAPTURED", "PARTIALLY_REFUNDED", "REFUNDED");
    /** Dintero transaction statuses that hold or took the customer's money. */
    private static final Set<String> MONEY = Set.of("AUTHORIZED", "PARTIALLY_CAPTURED", "PARTIALLY_CAPTURED_REFUNDED",
            "CAPTURED", "PARTIALLY_REFUNDED", "REFUNDED", "ON_HOLD");
    private static final Set<String> WAITING = Set.of("CREATED", "LINK_SENT", "OPENED");
    /** Ledger statuses of a payment closed unpaid (or voided). */
    private static final Set<String> CLOSED = Set.of("DECLINED", "CANCELLED", "EXPIRED", "FAILED");

    /** One invariant's outcome. */
    record Result(String name, String meaning, int checked, List<String> violations) {
        boolean holds() {
            return violations.isEmpty();
        }
    }

    /** A ledger payment row. */
    private record Row(String paymentId, String storeId, String sale, String merchantReference, String status,
            String sessionId, String transactionId, long captured, long refunded) {
    }

    /** A Dintero transaction's successful operations. */
    private record Truth(SessionSummary session, String status, int captures, long captured, int refunds,
            long refunded) {
    }

    private PaymentInvariants() {
    }

    /**
     * @param db the ledger's database
     * @param dintero the ground truth
     * @param book what the driver asked for
     * @return the five invariants' results, in order: lost, sold twice, operation twice, state, completed once
     */
    static List<Result> check(LedgerDatabase db, DinteroEmulator dintero, SaleBook book) throws SQLException {
        Map<String, Row> byMerchantRef = new HashMap<>();
        Map<SaleBook.Sale, List<Row>> bySale = new HashMap<>();
        for (Map<String, Object> r : db.rows("SELECT payment_id, store_id, sale_reference, merchant_reference, status,"
                + " session_id, transaction_id, captured_minor, refunded_minor FROM tillpay_payment")) {
            Row row = new Row((String) r.get("payment_id"), (String) r.get("store_id"), (String) r.get("sale_reference"),
                    (String) r.get("merchant_reference"), (String) r.get("status"), (String) r.get("session_id"),
                    (String) r.get("transaction_id"), ((Number) r.get("captured_minor")).longValue(),
                    ((Number) r.get("refunded_minor")).longValue());
            byMerchantRef.put(row.merchantReference(), row);
            bySale.computeIfAbsent(new SaleBook.Sale(row.storeId(), row.sale()), k -> new ArrayList<>()).add(row);
        }
        Map<String, Integer> authorizedEvents = new HashMap<>();
        for (Map<String, Object> r : db.rows("SELECT payment_id, count(*) AS n FROM tillpay_payment_event"
                + " WHERE status = 'AUTHORIZED' GROUP BY payment_id")) {
            authorizedEvents.put((String) r.get("payment_id"), ((Number) r.get("n")).intValue());
        }
        Map<String, long[]> ledgerOps = new HashMap<>(); // payment -> {captures, captured, refunds, refunded}
        for (Map<String, Object> r : db.rows("SELECT payment_id, kind, count(*) AS n, sum(amount_minor) AS s"
                + " FROM tillpay_payment_operation WHERE state = 'SUCCEEDED' GROUP BY payment_id, kind")) {
            long[] ops = ledgerOps.computeIfAbsent((String) r.get("payment_id"), k -> new long[4]);
            int at = "CAPTURE".equals(r.get("kind")) ? 0 : "REFUND".equals(r.get("kind")) ? 2 : -1;
            if (at >= 0) {
                ops[at] = ((Number) r.get("n")).longValue();
                ops[at + 1] = ((Number) r.get("s")).longValue();
            }
        }
        Map<String, Truth> truthByMerchantRef = new HashMap<>();
        for (SessionSummary s : dintero.sessions()) {
            truthByMerchantRef.put(s.merchantReference(), truth(dintero, s));
        }

        List<Result> results = new ArrayList<>();
        results.add(lost(book, bySale, byMerchantRef, truthByMerchantRef));
        results.add(soldTwice(bySale, truthByMerchantRef));
        results.add(operationTwice(book, byMerchantRef, truthByMerchantRef, ledgerOps));
        results.add(sameState(byMerchantRef, truthByMerchantRef));
        results.add(completedOnce(byMerchantRef, truthByMerchantRef, authorizedEvents));
        return results;
    }

    /**
     * Checks again every two seconds until every invariant holds or the time is up (pollers catching up after the
     * last fault: a settle period, not a timed assertion).
     *
     * @return the last results
     */
    static List<Result> settle(java.time.Duration within, LedgerDatabase db, DinteroEmulator dintero, SaleBook book)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            List<Result> results = check(db, dintero, book);
            if (results.stream().allMatch(Result::holds) || System.nanoTime() > deadline) {
                return results;
            }
            Thread.sleep(2000);
        }
    }

    /** @return the results as lines: name, checked, violations (the first few of each) */
    static String describe(List<Result> results, int examples) {
        StringBuilder b = new StringBuilder();
        for (Result r : results) {
            b.append(r.holds() ? "HOLDS     " : "VIOLATED  ").append(r.name()).append(" (").append(r.checked())
                    .append(" checked, ").append(r.violations().size()).append(" violations)\n");
            r.violations().stream().limit(examples).forEach(x -> b.append("    ").append(x).append('\n'));
        }
        return b.toString();
    }

    private static Truth truth(DinteroEmulator dintero, SessionSummary s) {
        if (s.transactionId() == null) {
            return new Truth(s, s.status(), 0, 0, 0, 0);
        }
        Map<String, Object> tx = dintero.transaction(s.transactionId()).orElseThrow();
        int captures = 0;
        int refunds = 0;
        long captured = 0;
        long refunded = 0;
        for (Object o : (List<?>) tx.get("events")) {
            Map<?, ?> e = (Map<?, ?>) o;
            if (!Boolean.TRUE.equals(e.get("success"))) {
                continue;
            }
            long amount = e.get("amount") instanceof Number n ? n.longValue() : 0;
            if ("CAPTURE".equals(e.get("event"))) {
                captures++;
                captured += amount;
            } else if ("REFUND".equals(e.get("event"))) {
                refunds++;
                refunded += amount;
            }
        }
        return new Truth(s, (String) tx.get("status"), captures, captured, refunds, refunded);
    }

    private static Result lost(SaleBook book, Map<SaleBook.Sale, List<Row>> bySale, Map<String, Row> byMerchantRef,
            Map<String, Truth> truth) {
        List<String> v = new ArrayList<>();
        for (SaleBook.Sale sale : book.answered()) {
            if (!bySale.containsKey(sale)) {
                v.add("sale " + sale.saleReference() + " (store " + sale.storeId() + ") was started and answered,"
                        + " but the ledger has no payment for it");
            }
        }
        for (SaleBook.Sale sale : book.unanswered()) {
            if (!bySale.containsKey(sale) && truth.keySet().stream().anyMatch(
                    ref -> ref.startsWith(sale.saleReference() + "/"))) {
                v.add("sale " + sale.saleReference() + " (store " + sale.storeId() + "): Dintero has a session for it"
                        + " but the ledger has no payment");
            }
        }
        for (Truth t : truth.values()) {
            Row row = byMerchantRef.get(t.session().merchantReference());
            if (row == null) {
                v.add("session " + t.session().sessionId() + " (" + t.session().merchantReference() + ", "
                        + t.status() + ") has no ledger payment");
            } else if (row.sessionId() != null && !row.sessionId().equals(t.session().sessionId())) {
                v.add("payment " + row.paymentId() + " records session " + row.sessionId() + " but Dintero made "
                        + t.session().sessionId() + " for " + t.session().merchantReference());
            }
        }
        return new Result("no payment lost", "every sale a node answered has a ledger payment, and every Dintero"
                + " session (" + truth.size() + ") maps to the ledger payment of its merchant reference",
                book.sales() + truth.size(), v);
    }

    private static Result soldTwice(Map<SaleBook.Sale, List<Row>> bySale, Map<String, Truth> truth) {
        List<String> v = new ArrayList<>();
        for (Map.Entry<SaleBook.Sale, List<Row>> e : bySale.entrySet()) {
            List<String> paid = e.getValue().stream().filter(r -> PAID.contains(r.status()))
                    .map(r -> r.paymentId() + " " + r.status()).toList();
            if (paid.size() > 1) {
                v.add("sale " + e.getKey().saleReference() + " has " + paid.size() + " paid payments: " + paid);
            }
        }
        Map<String, List<String>> moneyBySale = new HashMap<>();
        for (Truth t : truth.values()) {
            if (MONEY.contains(t.status())) {
                String ref = t.session().merchantReference();
                moneyBySale.computeIfAbsent(ref.substring(0, ref.lastIndexOf('/')), k -> new ArrayList<>())
                        .add(t.session().transactionId() + " " + t.status());
            }
        }
        moneyBySale.forEach((sale, txs) -> {
            if (txs.size() > 1) {
                v.add("sale " + sale + " holds money in " + txs.size() + " Dintero transactions: " + txs);
            }
        });
        return new Result("no sale completed twice", "no sale has two paid ledger payments, nor two Dintero"
                + " transactions holding money", bySale.size(), v);
    }

    private static Result operationTwice(SaleBook book, Map<String, Row> byMerchantRef, Map<String, Truth> truth,
            Map<String, long[]> ledgerOps) {
        List<String> v = new ArrayList<>();
        int checked = 0;
        for (Truth t : truth.values()) {
            Row row = byMerchantRef.get(t.session().merchantReference());
            if (row == null || t.session().transactionId() == null) {
                continue;
            }
            checked++;
            long[] ops = ledgerOps.getOrDefault(row.paymentId(), new long[4]);
            String who = "payment " + row.paymentId() + " (transaction " + t.session().transactionId() + ")";
            if (t.captures() > book.capturesRequested(row.paymentId())) {
                v.add(who + ": Dintero made " + t.captures() + " captures, " + book.capturesRequested(row.paymentId())
                        + " were requested");
            }
            if (t.refunds() > book.refundsRequested(row.paymentId())) {
                v.add(who + ": Dintero made " + t.refunds() + " refunds, " + book.refundsRequested(row.paymentId())
                        + " were requested");
            }
            if (ops[0] != t.captures() || ops[1] != t.captured() || row.captured() != t.captured()) {
                v.add(who + ": ledger has " + ops[0] + " captures of " + ops[1] + " (captured_minor " + row.captured()
                        + "), Dintero " + t.captures() + " of " + t.captured());
            }
            if (ops[2] != t.refunds() || ops[3] != t.refunded() || row.refunded() != t.refunded()) {
                v.add(who + ": ledger has " + ops[2] + " refunds of " + ops[3] + " (refunded_minor " + row.refunded()
                        + "), Dintero " + t.refunds() + " of " + t.refunded());
            }
        }
        return new Result("no double capture or refund", "per transaction: Dintero made no more captures or refunds"
                + " than were requested, and the ledger's succeeded operations and totals equal Dintero's events",
                checked, v);
    }

    private static Result sameState(Map<String, Row> byMerchantRef, Map<String, Truth> truth) {
        List<String> v = new ArrayList<>();
        for (Truth t : truth.values()) {
            Row row = byMerchantRef.get(t.session().merchantReference());
            if (row == null) {
                continue;
            }
            String who = "payment " + row.paymentId() + " (" + row.merchantReference() + ", session "
                    + t.session().sessionId() + ")";
            if (lateVoided(row, t)) {
                continue;
            }
            if (t.session().transactionId() != null) {
                String expected = "AUTHORIZATION_VOIDED".equals(t.status()) ? "CANCELLED" : t.status();
                if (!expected.equals(row.status()) || !t.session().transactionId().equals(row.transactionId())) {
                    v.add(who + ": ledger " + row.status() + " " + row.transactionId() + ", Dintero " + t.status()
                            + " " + t.session().transactionId());
                }
            } else {
                boolean same = switch (t.status()) {
                    // README: a sale cancelled while its link's creation went unanswered (the ledger never learned
                    // the session) is watched until the link expires, and a payment made on it is voided
                    case "OPEN" -> WAITING.contains(row.status())
                            || "CANCELLED".equals(row.status()) && row.sessionId() == null;
                    case "CANCELLED", "DECLINED", "EXPIRED" -> t.status().equals(row.status());
                    default -> false;
                };
                if (!same) {
                    v.add(who + ": ledger " + row.status() + ", Dintero's session " + t.status() + " (unpaid)");
                }
            }
        }
        for (Row row : byMerchantRef.values()) {
            if (!truth.containsKey(row.merchantReference())
                    && !Set.of("CREATED", "FAILED", "EXPIRED", "CANCELLED").contains(row.status())) {
                v.add("payment " + row.paymentId() + " (" + row.merchantReference() + ") is " + row.status()
                        + " but Dintero has no session for it");
            }
        }
        return new Result("ledger state equals Dintero's", "each payment's ledger status and transaction are what"
                + " Dintero's transaction says (AUTHORIZATION_VOIDED = CANCELLED, or any closed status when the"
                + " customer paid after the sale was closed and Tillpay voided it), or for an unpaid session: open ="
                + " waiting (or cancelled before the ledger learned the session), cancelled, declined, expired",
                byMerchantRef.size(), v);
    }

    private static Result completedOnce(Map<String, Row> byMerchantRef, Map<String, Truth> truth,
            Map<String, Integer> authorizedEvents) {
        List<String> v = new ArrayList<>();
        for (Row row : byMerchantRef.values()) {
            Truth t = truth.get(row.merchantReference());
            int expected = t != null && t.session().transactionId() != null ? 1 : 0;
            int n = authorizedEvents.getOrDefault(row.paymentId(), 0);
            // a payment closed before the customer paid never became AUTHORIZED; one cancelled after may have
            boolean closedThenPaid = t != null && lateVoided(row, t)
                    && (n == 0 || n == 1 && "CANCELLED".equals(row.status()));
            if (n != expected && !closedThenPaid) {
                v.add("payment " + row.paymentId() + " (" + row.merchantReference() + ") has " + n
                        + " transitions to AUTHORIZED in its history, expected " + expected);
            }
        }
        return new Result("every payment completed once", "a paid payment's ledger history has exactly one"
                + " transition to AUTHORIZED, an unpaid one none, nor one closed before a late payment that Tillpay"
                + " voided", byMerchantRef.size(), v);
    }

    /**
     * README, "Paid after the sale was closed": the payment stays closed in the ledger (declined,
     * cancelled, expired or failed) and Tillpay voids the late authorization at Dintero, so nobody is charged.
     *
     * @return whether the row and Dintero's transaction show exactly that (and not, say, a capture)
     */
    private static boolean lateVoided(Row row, Truth t) {
        return "AUTHORIZATION_VOIDED".equals(t.status()) && CLOSED.contains(row.status()) && t.captures() == 0
                && (row.transactionId() == null || row.transactionId().equals(t.session().transactionId()));
    }
}
