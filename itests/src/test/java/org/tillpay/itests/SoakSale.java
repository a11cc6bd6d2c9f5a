package org.tillpay.itests;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.util.List;
import java.util.Random;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.tillpay.dintero.emulator.DinteroEmulator;
import org.tillpay.dintero.emulator.SessionSummary;

/**
 * One sale of the soak, played as a till (the console API of whichever node is up) and a customer (the emulator's
 * hosted page) would: the link is made, then paid (mostly), declined and tried again, cancelled unpaid or left open;
 * a paid sale is then voided, or captured (in full or in part, the rest later) and partly refunded, or left
 * authorised. Step faults are armed before each step ({@link SoakFaults}); a node killed under a request is met as a
 * till meets it: a request that never reached a node is sent to another, one that got no answer is never sent again
 * but read back. Everything asked for is written in the {@link SaleBook}, what happened in {@link SoakStats}.
 */
final class SoakSale {

    private static final String[] METHODS = {"vipps", "card", "klarna", "mobilepay"};
    private static final Set<String> PAID = Set.of("AUTHORIZED", "PARTIALLY_CAPTURED", "PARTIALLY_CAPTURED_REFUNDED",
            "CAPTURED", "PARTIALLY_REFUNDED", "REFUNDED");
    private static final Set<String> OPEN_OPERATION = Set.of("PENDING", "ACCEPTED", "UNKNOWN");
    /** How long a till waits for anything before it counts it as slow and goes on. */
    private static final long WAIT_MILLIS = 180_000;

    /** A request to a node. */
    private interface Request {
        ConsoleApi.Reply send(ConsoleApi node) throws IOException;
    }

    /** A started payment: its id and the session Dintero made (null when none could be found). */
    private record Started(String paymentId, String sessionId) {
    }

    private final TillpayCluster cluster;
    private final DinteroEmulator dintero;
    private final SoakFaults faults;
    private final SaleBook book;
    private final SoakStats stats;
    private final Random random;

    SoakSale(TillpayCluster cluster, DinteroEmulator dintero, SoakFaults faults, SaleBook book, SoakStats stats,
            Random random) {
        this.cluster = cluster;
        this.dintero = dintero;
        this.faults = faults;
        this.book = book;
        this.stats = stats;
        this.random = random;
    }

    /** Plays sale number {@code n}. */
    void play(int n) throws InterruptedException {
        TillpayCluster.Store store = cluster.stores().get(n % cluster.stores().size());
        String sale = "K" + n + "-" + store.storeId();
        String method = METHODS[random.nextInt(METHODS.length)];
        long[] lines = {100 + random.nextInt(50_000), 100 + random.nextInt(20_000)};
        boolean park = random.nextDouble() < 0.1;
        double outcome = random.nextDouble();
        Started first = start(store.storeId(), sale, lines, method, park);
        if (first == null || first.sessionId() == null) {
            return;
        }
        if (outcome < 0.04) {
            dintero.decline(first.sessionId());
            stats.inc("sale declined by the customer, then tried again");
            awaitPayment(first.paymentId(), p -> "DECLINED".equals(p.path("status").asText()), "declined");
            Started second = start(store.storeId(), sale, lines, method, false);
            if (second != null && second.sessionId() != null && pay(second, method)) {
                afterPayment(second.paymentId(), sale, lines);
            }
        } else if (outcome < 0.08) {
            send(node -> node.cancel(first.paymentId()), "cancel unpaid");
            stats.inc("sale cancelled unpaid");
        } else if (outcome < 0.10) {
            stats.inc("sale left unpaid (link open)");
        } else if (pay(first, method)) {
            afterPayment(first.paymentId(), sale, lines);
        }
    }

    private Started start(String store, String sale, long[] lines, String method, boolean park)
            throws InterruptedException {
        for (int attempt = 1; attempt <= 5; attempt++) {
            faults.beforeStep(SoakFaults.Step.START, null, random);
            ConsoleApi.Reply r = send(node -> node.startSale(store, sale, lines, new String[] {method}, park),
                    "start");
            String paymentId = r == null ? null : r.text("paymentId");
            if (paymentId != null) {
                book.startAnswered(store, sale);
                stats.inc("payments started");
                String session = sessionOf(r.body(), sale);
                if (session == null) {
                    stats.inc("started but Dintero has no session");
                }
                return new Started(paymentId, session);
            }
            // no answer, or refused without a payment (the ledger down, Dintero's answer lost): whether a payment
            // was recorded is read back; if Dintero has a session for the sale, the ledger must have it
            book.startUnanswered(store, sale);
            JsonNode found = findNewest(store, sale);
            if (found != null && !found.path("terminal").asBoolean(false)) {
                stats.inc("payments started (found after an error answer)");
                return new Started(found.path("paymentId").asText(), sessionOf(found, sale));
            }
            if (r != null && r.status() / 100 == 4) {
                return null;
            }
            Thread.sleep(3000); // the till tries the sale again
        }
        stats.inc("sale given up after 5 start attempts");
        return null;
    }

    /** The session from the payment's link, or (its creation answer lost) Dintero's newest for the sale. */
    private String sessionOf(JsonNode payment, String sale) {
        String url = payment.path("paymentUrl").asText("");
        int view = url.indexOf("/view/");
        if (view >= 0) {
            return url.substring(view + "/view/".length());
        }
        List<SessionSummary> sessions = dintero.sessions().stream()
                .filter(s -> s.merchantReference() != null && s.merchantReference().startsWith(sale + "/")).toList();
        return sessions.isEmpty() ? null : sessions.get(sessions.size() - 1).sessionId();
    }

    private JsonNode findNewest(String store, String sale) throws InterruptedException {
        ConsoleApi.Reply r = read(node -> node.paymentsOfSale(store, sale));
        return r != null && r.body().isArray() && r.body().size() > 0 ? r.body().get(0) : null;
    }

    private boolean pay(Started started, String method) throws InterruptedException {
        try {
            dintero.pay(started.sessionId(), method);
        } catch (IllegalStateException e) {
            stats.inc("customer could not pay: " + e.getMessage().replaceAll("T\\d{8}\\.\\S+", "(id)"));
            return false;
        }
        stats.inc("sale paid by the customer");
        JsonNode p = awaitPayment(started.paymentId(), x -> PAID.contains(x.path("status").asText()), "paid");
        return p != null;
    }

    private void afterPayment(String paymentId, String sale, long[] lines) throws InterruptedException {
        JsonNode payment = awaitSettled(paymentId);
        if (payment == null) {
            return;
        }
        String tx = payment.path("transactionId").asText(null);
        long total = lines[0] + lines[1];
        double r = random.nextDouble();
        if (r < 0.12) {
            faults.beforeStep(SoakFaults.Step.VOID, tx, random);
            send(node -> node.cancel(paymentId), "void");
            awaitSettled(paymentId);
            return;
        }
        if (r > 0.7) {
            stats.inc("paid sale left authorised");
            return;
        }
        boolean partial = random.nextDouble() < 0.3;
        long captured = capture(paymentId, tx, "C1-" + sale, partial ? lines[0] : total);
        if (partial && random.nextDouble() < 0.5) {
            captured += capture(paymentId, tx, "C2-" + sale, lines[1]);
        }
        if (captured > 0 && random.nextDouble() < 0.45) {
            long amount = Math.max(1, captured / 2);
            faults.beforeStep(SoakFaults.Step.REFUND, tx, random);
            book.refundRequested(paymentId);
            send(node -> node.refund(paymentId, "R1-" + sale, amount), "refund");
            awaitSettled(paymentId);
        }
    }

    /** Captures; when Dintero fails it, tries once more with a new receipt number. @return what was captured */
    private long capture(String paymentId, String tx, String reference, long amount) throws InterruptedException {
        for (int attempt = 1; attempt <= 2; attempt++) {
            String ref = attempt == 1 ? reference : reference + "-again";
            faults.beforeStep(SoakFaults.Step.CAPTURE, tx, random);
            book.captureRequested(paymentId);
            send(node -> node.capture(paymentId, ref, amount), "capture");
            JsonNode after = awaitSettled(paymentId);
            if (after == null) {
                return 0;
            }
            for (JsonNode op : after.path("operations")) {
                if (ref.equals(op.path("reference").asText())) {
                    if ("SUCCEEDED".equals(op.path("state").asText())) {
                        return amount;
                    }
                    stats.inc("capture " + op.path("state").asText() + ", tried again");
                }
            }
        }
        return 0;
    }

    /** @return the payment once no operation of it is open, or null when that took too long */
    private JsonNode awaitSettled(String paymentId) throws InterruptedException {
        return awaitPayment(paymentId, p -> {
            for (JsonNode op : p.path("operations")) {
                if (OPEN_OPERATION.contains(op.path("state").asText())) {
                    return false;
                }
            }
            return true;
        }, "operations settled");
    }

    private JsonNode awaitPayment(String paymentId, java.util.function.Predicate<JsonNode> done, String what)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            ConsoleApi.Reply r = read(node -> node.payment(paymentId));
            if (r != null && r.status() == 200 && done.test(r.body())) {
                return r.body();
            }
            Thread.sleep(1000);
        }
        stats.inc("till gave up waiting (" + what + ", " + WAIT_MILLIS / 1000 + " s)");
        return null;
    }

    /**
     * Sends a change to a node that is up. Not reaching any node, it tries another (nothing was sent); reaching one
     * without an answer, it gives up (the request may have been carried out) and returns null.
     */
    private ConsoleApi.Reply send(Request request, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10 * 60_000;
        while (System.currentTimeMillis() < deadline) {
            ConsoleApi node = liveNode();
            if (node == null) {
                Thread.sleep(500);
                continue;
            }
            try {
                ConsoleApi.Reply r = request.send(node);
                String detail = r.status() >= 500 ? ": " + r.body().path("detail").asText("")
                        .replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}|T\\d{8}\\.\\S+", "(id)") : "";
                stats.inc(what + " answered " + r.status() + detail.substring(0, Math.min(detail.length(), 90)));
                return r;
            } catch (ConnectException | HttpConnectTimeoutException notSent) {
                stats.inc("request sent to another node (node down)");
                Thread.sleep(500);
            } catch (IOException noAnswer) {
                stats.inc(what + " without answer (node killed under it)");
                return null;
            }
        }
        stats.inc(what + " gave up: no node for 10 minutes");
        return null;
    }

    /** Reads from a node that is up, trying again until one answers (10 minutes at most). */
    private ConsoleApi.Reply read(Request request) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10 * 60_000;
        while (System.currentTimeMillis() < deadline) {
            ConsoleApi node = liveNode();
            if (node != null) {
                try {
                    return request.send(node);
                } catch (IOException e) {
                    // killed or not up yet: try again
                }
            }
            Thread.sleep(500);
        }
        return null;
    }

    private ConsoleApi liveNode() {
        int first = random.nextInt(cluster.size());
        for (int i = 0; i < cluster.size(); i++) {
            int n = (first + i) % cluster.size();
            if (cluster.isUp(n)) {
                return cluster.console(n);
            }
        }
        return null;
    }
}
