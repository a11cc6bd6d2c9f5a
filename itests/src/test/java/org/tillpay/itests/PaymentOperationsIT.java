package org.tillpay.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.tillpay.dintero.emulator.CallbackMode;
import org.tillpay.dintero.emulator.OperationMode;
import org.tillpay.ledger.AuditEntry;
import org.tillpay.ledger.PaymentLedger;
import org.tillpay.ledger.StatusUpdate;
import org.tillpay.payment.api.InvalidPaymentRequestException;
import org.tillpay.payment.api.OperationKind;
import org.tillpay.payment.api.OperationLine;
import org.tillpay.payment.api.OperationOrigin;
import org.tillpay.payment.api.OperationRequest;
import org.tillpay.payment.api.OperationState;
import org.tillpay.payment.api.PaymentFailedException;
import org.tillpay.payment.api.PaymentHandle;
import org.tillpay.payment.api.PaymentMethod;
import org.tillpay.payment.api.PaymentOperation;
import org.tillpay.payment.api.PaymentStatus;

/**
 * Capture, refund and cancel from the POS against the emulator in the distribution (FLOWS.md (c)): partial and full,
 * every guard before any call, 202 completion, a lost answer read back (never a second capture), Walley on hold,
 * Swish captured at once, and a refund made in Dintero's Backoffice synchronised once. The sale is 2 × 299.00
 * (line 1) + 1 × 199.00 (line 2) = 797.00 NOK.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PaymentOperationsIT extends TillpayTestSupport {

    private static final String STORE = "omega";
    private static boolean configured;

    @Configuration
    public Option[] config() {
        return baseConfig();
    }

    @Before
    public void configure() throws Exception {
        if (!configured) {
            configureStore(STORE, "T55555555", Map.of("poll.interval.seconds", 1, "parked.poll.interval.seconds", 10));
            configured = true;
        }
    }

    @After
    public void normalEmulator() {
        emulator().setOperationMode(OperationMode.SYNC);
        emulator().setCallbackMode(CallbackMode.NORMAL);
    }


    private PaymentHandle paid(String sale, String method) throws Exception {
        PaymentMethod omega = paymentMethod(STORE);
        PaymentHandle link = ItSales.start(omega, ItSales.sale(STORE, sale));
        ItSales.payAndAwaitAuthorized(emulator(), omega, link, method);
        return omega.findPayment(link.paymentId()).orElseThrow();
    }

    private static OperationRequest.Builder op(String reference) {
        return OperationRequest.builder().reference(reference).requestedBy("staff-7");
    }

    private static PaymentHandle done(java.util.concurrent.CompletionStage<PaymentHandle> stage) throws Exception {
        return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** @return the transaction's events of one kind, as the emulator holds them */
    @SuppressWarnings("unchecked")
    private long events(PaymentHandle p, String event) {
        Map<String, Object> tx = emulator().transaction(p.transactionId().orElseThrow()).orElseThrow();
        return ((List<Map<String, Object>>) tx.get("events")).stream().filter(e -> event.equals(e.get("event"))).count();
    }

    private String dinteroStatus(PaymentHandle p) {
        return (String) emulator().transaction(p.transactionId().orElseThrow()).orElseThrow().get("status");
    }

    private PaymentHandle await(String paymentId, String what, java.util.function.Predicate<PaymentHandle> condition) {
        PaymentMethod omega = paymentMethod(STORE);
        PaymentHandle[] now = new PaymentHandle[1];
        eventually(Duration.ofSeconds(20), paymentId + " " + what,
                () -> condition.test(now[0] = omega.findPayment(paymentId).orElseThrow()));
        return now[0];
    }

    private static void refused(String field, String messagePart, ThrowingCall call) throws Exception {
        try {
            call.run();
            fail("expected a refusal naming " + field);
        } catch (InvalidPaymentRequestException e) {
            assertEquals(e.getMessage(), field, e.field());
            assertTrue(e.getMessage(), e.getMessage().contains(messagePart));
        }
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    public void captureInPartsThenRefundInPartsWithReceiptNumbers() throws Exception {
        PaymentMethod omega = paymentMethod(STORE);
        PaymentHandle p = paid("S-OPS-1", "card");
        PaymentHandle part = done(omega.capturePayment(p.paymentId(), op("RCPT-1").line(OperationLine.of("1", 1)).build()));
        assertEquals(PaymentStatus.PARTIALLY_CAPTURED, part.status());
        assertEquals(29900, part.capturedMinor());
        PaymentHandle all = done(omega.capturePayment(p.paymentId(), op("RCPT-2").build()));
        assertEquals(PaymentStatus.CAPTURED, all.status());
        assertEquals(79700, all.capturedMinor());
        assertEquals("CAPTURED", dinteroStatus(all));
        assertEquals(2, events(all, "CAPTURE"));

        PaymentHandle back = done(omega.refundPayment(p.paymentId(), op("RET-1").line(OperationLine.whole("2"))
                .reason("return").build()));
        assertEquals(PaymentStatus.PARTIALLY_REFUNDED, back.status());
        assertEquals(19900, back.refundedMinor());
        PaymentHandle refunded = done(omega.refundPayment(p.paymentId(), op("RET-2").build()));
        assertEquals(PaymentStatus.REFUNDED, refunded.status());
        assertEquals(79700, refunded.refundedMinor());
        assertEquals("REFUNDED", dinteroStatus(refunded));
        assertEquals(List.of("RCPT-1", "RCPT-2", "RET-1", "RET-2"),
                refunded.operations().stream().map(PaymentOperation::reference).toList());
        assertTrue(refunded.operations().stream().allMatch(o -> o.state() == OperationState.SUCCEEDED
                && o.providerEventId() != null && "staff-7".equals(o.requestedBy())));

        List<AuditEntry> audit = service(PaymentLedger.class, null).auditTrail(p.paymentId());
        assertEquals(4, audit.stream().filter(a -> a.operation().equals("capture") || a.operation().equals("refund"))
                .filter(a -> a.result().startsWith("ok 200") && "staff-7".equals(a.requestedBy())).count());
        assertTrue(audit.toString(), audit.stream().noneMatch(a -> String.valueOf(a).contains("omega-secret")));
    }

    @Test
    public void everyGuardRefusesBeforeAnyCallToDintero() throws Exception {
        PaymentMethod omega = paymentMethod(STORE);
        PaymentHandle p = paid("S-OPS-2", "card");
        String id = p.paymentId();
        refused("amountMinor", "", () -> omega.capturePayment(id, op("R-1").amountMinor(79701).build()));
        refused("lines", "line 9 is not on sale", () -> omega.capturePayment(id, op("R-1").line(OperationLine.whole("9")).build()));
        refused("lines.quantity", "", () -> omega.capturePayment(id, op("R-1").line(OperationLine.of("1", 3)).build()));
        refused("amountMinor", "add up", () -> omega.capturePayment(id, op("R-1").line(OperationLine.whole("2"))
                .amountMinor(100).build()));
        refused("reference", "receipt", () -> omega.capturePayment(id, OperationRequest.builder().requestedBy("x").build()));
        refused("paymentId", "", () -> omega.refundPayment(id, op("RET-1").build()));
        assertEquals(0, events(p, "CAPTURE") + events(p, "REFUND"));

        done(omega.capturePayment(id, op("R-1").amountMinor(10000).build()));
        refused("reference", "R-1", () -> omega.capturePayment(id, op("R-1").amountMinor(100).build()));
        refused("amountMinor", "", () -> omega.refundPayment(id, op("RET-1").amountMinor(10001).build()));
        done(omega.capturePayment(id, op("R-2").build()));
        refused("paymentId", "refund", () -> omega.cancelPayment(id, "staff-7"));
        assertEquals(2, events(p, "CAPTURE"));
        assertEquals(0, events(p, "VOID"));

        PaymentHandle cancelled = paid("S-OPS-3", "card");
        assertEquals(PaymentStatus.CANCELLED, done(omega.cancelPayment(cancelled.paymentId(), "staff-7")).status());
        assertEquals("AUTHORIZATION_VOIDED", dinteroStatus(cancelled));
        refused("paymentId", "a cancelled order cannot be captured; the customer must place a new order",
                () -> omega.capturePayment(cancelled.paymentId(), op("R-9").build()));
    }

    @Test
    public void walleyCapturesWholeLinesOnlyAndWaitsOnHold() throws Exception {
        PaymentMethod omega = paymentMethod(STORE);
        PaymentHandle link = ItSales.start(omega, ItSales.sale(STORE, "S-OPS-WALLEY"));
        String tx = emulator().payOnHold(link.sessionId().orElseThrow(), "walley").transactionId();
        await(link.paymentId(), "is ON_HOLD", h -> h.status() == PaymentStatus.ON_HOLD);
        emulator().resolveHold(tx, true);
        PaymentHandle approved = await(link.paymentId(), "is AUTHORIZED", h -> h.status() == PaymentStatus.AUTHORIZED);
        refused("lines", "whole lines", () -> omega.capturePayment(approved.paymentId(),
                op("W-1").line(OperationLine.of("1", 1)).build()));
        refused("lines", "whole lines", () -> omega.capturePayment(approved.paymentId(), op("W-1").amountMinor(100).build()));
        PaymentHandle line1 = done(omega.capturePayment(approved.paymentId(), op("W-1").line(OperationLine.whole("1")).build()));
        assertEquals(59800, line1.capturedMinor());

        PaymentHandle declined = ItSales.start(omega, ItSales.sale(STORE, "S-OPS-WALLEY-2"));
        String tx2 = emulator().payOnHold(declined.sessionId().orElseThrow(), "walley").transactionId();
        await(declined.paymentId(), "is ON_HOLD", h -> h.status() == PaymentStatus.ON_HOLD);
        emulator().resolveHold(tx2, false);
        await(declined.paymentId(), "is FAILED", h -> h.status() == PaymentStatus.FAILED);
    }

    @Test
    public void anAcceptedCaptureSettlesWhenItsEventArrives() throws Exception {
        PaymentMethod omega = paymentMethod(STORE);
        PaymentHandle p = paid("S-OPS-202", "vipps");
        emulator().setOperationMode(OperationMode.ASYNC);
        PaymentHandle accepted = done(omega.capturePayment(p.paymentId(), op("A-1").build()));
        assertEquals(PaymentStatus.AUTHORIZED, accepted.status());
        assertEquals(OperationState.ACCEPTED, accepted.operations().get(0).state());
        assertEquals(0, accepted.capturedMinor());
        refused("paymentId", "A-1", () -> omega.capturePayment(p.paymentId(), op("A-9").amountMinor(100).build()));
        assertEquals(1, emulator().completePendingOperations());
        PaymentHandle captured = await(p.paymentId(), "is CAPTURED", h -> h.status() == PaymentStatus.CAPTURED);
        assertEquals(79700, captured.capturedMinor());
        assertEquals(OperationState.SUCCEEDED, captured.operations().get(0).state());

        PaymentHandle q = paid("S-OPS-202F", "vipps");
        emulator().failNextOperation(q.transactionId().orElseThrow(), "the authorization has expired");
        done(omega.capturePayment(q.paymentId(), op("A-2").build()));
        emulator().completePendingOperations();
        PaymentHandle failed = await(q.paymentId(), "has its capture failed",
                h -> h.operations().get(0).state() == OperationState.FAILED);
        assertEquals(PaymentStatus.AUTHORIZED, failed.status());
        assertEquals(0, failed.capturedMinor());
    }

    @Test
    public void aFailedCaptureMovesNothingAndMayBeTriedAgain() throws Exception {
        PaymentMethod omega = paymentMethod(STORE);
        PaymentHandle p = paid("S-OPS-FAIL", "card");
        emulator().failNextOperation(p.transactionId().orElseThrow(), "card expired");
        try {
            done(omega.capturePayment(p.paymentId(), op("F-1").build()));
            fail("the failed capture must be reported");
        } catch (ExecutionException e) {
            assertTrue(e.getCause() instanceof PaymentFailedException);
            assertTrue(e.getCause().getMessage(), e.getCause().getMessage().contains("card expired"));
        }
        PaymentHandle after = paymentMethod(STORE).findPayment(p.paymentId()).orElseThrow();
        assertEquals(PaymentStatus.AUTHORIZED, after.status());
        assertEquals(OperationState.FAILED, after.operations().get(0).state());
        assertEquals(PaymentStatus.CAPTURED, done(omega.capturePayment(p.paymentId(), op("F-1").build())).status());
    }

    @Test
    public void aCaptureWhoseAnswerIsLostIsReadBackAndNeverSentTwice() throws Exception {
        PaymentMethod omega = paymentMethod(STORE);
        PaymentHandle p = paid("S-OPS-LOST", "card");
        emulator().loseNextOperationResponse(p.transactionId().orElseThrow());
        PaymentHandle captured = done(omega.capturePayment(p.paymentId(), op("L-1").build()));
        assertEquals(PaymentStatus.CAPTURED, captured.status());
        assertEquals(OperationState.SUCCEEDED, captured.operations().get(0).state());
        refused("reference", "L-1", () -> omega.capturePayment(p.paymentId(), op("L-1").build()));
        assertEquals(1, events(captured, "CAPTURE"));
        assertTrue(service(PaymentLedger.class, null).auditTrail(p.paymentId()).stream()
                .anyMatch(a -> a.result().startsWith("no answer")));
    }

    @Test
    public void aRefundMadeInTheBackofficeIsSyncedOnce() throws Exception {
        PaymentMethod omega = paymentMethod(STORE);
        PaymentHandle p = paid("S-OPS-BO", "card");
        done(omega.capturePayment(p.paymentId(), op("B-1").build()));
        emulator().setCallbackMode(CallbackMode.DUPLICATE);
        emulator().backofficeRefund(p.transactionId().orElseThrow(), 10000);
        PaymentHandle synced = await(p.paymentId(), "shows the back-office refund", h -> h.refundedMinor() == 10000);
        assertEquals(PaymentStatus.PARTIALLY_REFUNDED, synced.status());
        Thread.sleep(3000); // the duplicate callback and a poller round
        PaymentHandle later = paymentMethod(STORE).findPayment(p.paymentId()).orElseThrow();
        assertEquals(10000, later.refundedMinor());
        assertEquals(1, later.operations().stream().filter(o -> o.origin() == OperationOrigin.BACK_OFFICE
                && o.kind() == OperationKind.REFUND).count());
    }

    @Test
    public void aBackofficeRefundWhoseCallbackIsLostIsFoundByThePoller() throws Exception {
        PaymentMethod omega = paymentMethod(STORE);
        PaymentHandle p = paid("S-OPS-BO-LOST", "card");
        assertEquals(PaymentStatus.CAPTURED, done(omega.capturePayment(p.paymentId(), op("BL-1").build())).status());
        emulator().setCallbackMode(CallbackMode.DROP);
        emulator().backofficeRefund(p.transactionId().orElseThrow(), 5000);
        // a captured payment is no longer read back on its own: the poller's back-office sweep finds the refund
        PaymentHandle synced = await(p.paymentId(), "shows the back-office refund", h -> h.refundedMinor() == 5000);
        assertEquals(PaymentStatus.PARTIALLY_REFUNDED, synced.status());
    }

    @Test
    public void aCustomerWhoPaysAfterTheSaleWasClosedIsNotCharged() throws Exception {
        PaymentMethod omega = paymentMethod(STORE);
        PaymentHandle link = ItSales.start(omega, ItSales.sale(STORE, "S-OPS-LATE"));
        // the sale was closed here while Dintero still had the link (as when a cancel's answer is lost)
        PaymentLedger ledger = service(PaymentLedger.class, null);
        ledger.transition(new StatusUpdate(link.paymentId(), PaymentStatus.CANCELLED, null, null, "test",
                "closed while Dintero still had the link", null, java.time.Instant.now()));
        String tx = emulator().pay(link.sessionId().orElseThrow(), "card").transactionId();
        eventually(Duration.ofSeconds(20), "the late authorization is voided", () -> "AUTHORIZATION_VOIDED".equals(
                emulator().transaction(tx).orElseThrow().get("status")));
        assertEquals(PaymentStatus.CANCELLED, omega.findPayment(link.paymentId()).orElseThrow().status());
        assertTrue(ledger.auditTrail(link.paymentId()).stream().anyMatch(a -> a.operation().startsWith("void (paid after")
                && a.result().startsWith("ok")));
    }

    @Test
    public void voidingReleasesTheRestWhereThePaymentTypeAllowsIt() throws Exception {
        PaymentMethod omega = paymentMethod(STORE);
        PaymentHandle vipps = paid("S-OPS-VOID", "vipps");
        done(omega.capturePayment(vipps.paymentId(), op("V-1").line(OperationLine.whole("2")).build()));
        PaymentHandle rest = done(omega.cancelPayment(vipps.paymentId(), "staff-7"));
        assertEquals(19900, rest.capturedMinor());
        assertEquals(1, events(rest, "VOID"));
        refused("paymentId", "", () -> omega.capturePayment(vipps.paymentId(), op("V-2").build()));

        PaymentHandle card = paid("S-OPS-VOID-CARD", "card");
        done(omega.capturePayment(card.paymentId(), op("V-3").line(OperationLine.whole("2")).build()));
        refused("paymentId", "lapse", () -> omega.cancelPayment(card.paymentId(), "staff-7"));
    }

    @Test
    public void swishIsCapturedAtOnce() throws Exception {
        PaymentMethod omega = paymentMethod(STORE);
        PaymentHandle link = ItSales.start(omega, ItSales.sale(STORE, "S-OPS-SWISH"));
        emulator().pay(link.sessionId().orElseThrow(), "swish");
        PaymentHandle captured = await(link.paymentId(), "is CAPTURED", h -> h.status() == PaymentStatus.CAPTURED
                && h.capturedMinor() == 79700);
        assertEquals(PaymentStatus.REFUNDED, done(omega.refundPayment(captured.paymentId(), op("SW-RET").build())).status());
    }
}
