package org.tillpay.dintero.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.tillpay.dintero.internal.client.TransactionEvent;
import org.tillpay.ledger.OperationLineAmount;
import org.tillpay.ledger.OperationRecord;
import org.tillpay.ledger.PaymentRecord;
import org.tillpay.payment.api.InvalidPaymentRequestException;
import org.tillpay.payment.api.OperationKind;
import org.tillpay.payment.api.OperationLine;
import org.tillpay.payment.api.OperationOrigin;
import org.tillpay.payment.api.OperationRequest;
import org.tillpay.payment.api.OperationState;
import org.tillpay.payment.api.PaymentLine;
import org.tillpay.payment.api.PaymentStatus;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a capture or refund covers (lines, amounts, Dintero's items, Walley's whole lines), and which open operation
 * a transaction event settles. The sale: 2 × 299.00 at 25 % (line 1) + 1 × 199.00 at 0 % (line 2) = 797.00.
 */
class OperationItemsTest {

    private static final Instant T = Instant.parse("2026-11-21T10:00:00Z");
    private static final List<PaymentLine> LINES = List.of(
            PaymentLine.builder().lineId("1").description("Genser").quantity(2).unitPriceMinor(29900).build(),
            PaymentLine.builder().lineId("2").description("Bok").unitPriceMinor(19900).vatPercent(BigDecimal.ZERO).build());

    private static PaymentRecord payment(String product, long captured, long refunded, List<OperationRecord> ops) {
        return new PaymentRecord("p1", "s1", "dintero", "S-1", "S-1/1", "NOK", 79700, 11960, PaymentStatus.AUTHORIZED,
                "sess", "url", "tx", product, T, T, T, 1, List.of(), false, null, captured, refunded, false, 0, ops);
    }

    private static OperationRecord capture(String reference, OperationState state, String requestId,
            List<OperationLineAmount> lines) {
        return new OperationRecord("op-" + reference, "p1", OperationKind.CAPTURE, OperationOrigin.POS, reference,
                lines.stream().mapToLong(OperationLineAmount::amountMinor).sum(), 0, lines, null, "staff", state,
                requestId, null, null, T, null);
    }

    private static OperationRequest.Builder ask() {
        return OperationRequest.builder().reference("R").requestedBy("staff");
    }

    @Test
    void linesGiveTheAmountAndDinterosItemsWithTheSalesLineIds() {
        OperationItems items = OperationItems.resolve(OperationKind.CAPTURE, ask().line(OperationLine.of("1", 1))
                .line(OperationLine.whole("2")).build(), payment("vipps", 0, 0, List.of()), LINES);
        assertEquals(29900 + 19900, items.amountMinor());
        JsonNode dintero = items.dinteroItems(LINES);
        assertEquals("1", dintero.get(0).path("line_id").asText());
        assertEquals(29900, dintero.get(0).path("amount").asLong());
        assertEquals(1, dintero.get(0).path("quantity").asInt());
        assertEquals(5980, dintero.get(0).path("vat_amount").asLong()); // 299.00 × 25 / 125
        assertEquals(0, dintero.get(1).path("vat_amount").asLong());
    }

    @Test
    void badLinesAndAmountsAreRefusedNamingTheField() {
        PaymentRecord p = payment("vipps", 0, 0, List.of());
        assertEquals("lines", assertThrows(InvalidPaymentRequestException.class, () -> OperationItems.resolve(
                OperationKind.CAPTURE, ask().line(OperationLine.whole("9")).build(), p, LINES)).field());
        assertEquals("lines.quantity", assertThrows(InvalidPaymentRequestException.class, () -> OperationItems.resolve(
                OperationKind.CAPTURE, ask().line(OperationLine.of("1", 3)).build(), p, LINES)).field());
        assertEquals("amountMinor", assertThrows(InvalidPaymentRequestException.class, () -> OperationItems.resolve(
                OperationKind.CAPTURE, ask().line(OperationLine.whole("2")).amountMinor(19901).build(), p, LINES)).field());
    }

    @Test
    void walleyCapturesOnlyWholeLines() {
        PaymentRecord walley = payment("collector.invoice", 0, 0, List.of());
        InvalidPaymentRequestException part = assertThrows(InvalidPaymentRequestException.class, () -> OperationItems
                .resolve(OperationKind.CAPTURE, ask().line(OperationLine.of("1", 1)).build(), walley, LINES));
        assertTrue(part.getMessage().contains("whole lines"), part.getMessage());
        assertEquals("lines", assertThrows(InvalidPaymentRequestException.class, () -> OperationItems.resolve(
                OperationKind.CAPTURE, ask().amountMinor(100).build(), walley, LINES)).field());
        assertEquals(59800, OperationItems.resolve(OperationKind.CAPTURE, ask().line(OperationLine.whole("1")).build(),
                walley, LINES).amountMinor());
        // a Walley refund may be any part
        assertEquals(100, OperationItems.resolve(OperationKind.REFUND, ask().amountMinor(100).build(),
                payment("collector.invoice", 79700, 0, List.of()), LINES).amountMinor());
    }

    @Test
    void withoutLinesOrAmountEverythingLeftIsCoveredWithTheLinesLeft() {
        OperationRecord firstUnit = capture("R-1", OperationState.SUCCEEDED, null,
                List.of(new OperationLineAmount("1", 1, 29900, 5980)));
        OperationItems rest = OperationItems.resolve(OperationKind.CAPTURE, ask().build(),
                payment("vipps", 29900, 0, List.of(firstUnit)), LINES);
        assertEquals(49800, rest.amountMinor());
        assertEquals(List.of("1", "2"), rest.lines().stream().map(OperationLineAmount::lineId).toList());
        assertEquals(1, rest.lines().get(0).quantity());
        OperationItems refundAll = OperationItems.resolve(OperationKind.REFUND, ask().build(),
                payment("vipps", 79700, 0, List.of()), LINES);
        assertEquals(79700, refundAll.amountMinor());
        assertEquals(2, refundAll.lines().size());
    }

    @Test
    void anEventSettlesTheOpenOperationItBelongsTo() {
        OperationRecord accepted = capture("A-1", OperationState.ACCEPTED, "req-7", List.of());
        OperationRecord pending = capture("P-1", OperationState.PENDING, null, List.of());
        PaymentRecord p = payment("vipps", 0, 0, List.of(accepted));
        assertEquals(Optional.of(accepted), OperationSync.openOperationFor(p, event("CAPTURE", null, "req-7")));
        assertEquals(Optional.empty(), OperationSync.openOperationFor(p, event("CAPTURE", null, "req-8")));
        assertEquals(Optional.empty(), OperationSync.openOperationFor(p, event("REFUND", null, "req-7")));
        PaymentRecord q = payment("vipps", 0, 0, List.of(pending));
        assertEquals(Optional.of(pending), OperationSync.openOperationFor(q, event("CAPTURE", "P-1", null)));
        assertEquals(Optional.empty(), OperationSync.openOperationFor(q, event("CAPTURE", "BACKOFFICE-1", null)),
                "an event with another reference was made elsewhere");
    }

    @Test
    void anEventOfAnOperationWhose202AnswerWasLostSettlesItByItsReference() {
        // soak: a capture accepted (202) whose answer was lost, then failed at the acquirer; its final event carries
        // only the correlation id Tillpay never learned, and was ignored as "belongs to no operation" for 2 minutes
        OperationRecord unanswered = capture("R-5", OperationState.UNKNOWN, null, List.of());
        OperationRecord other = capture("R-6", OperationState.ACCEPTED, "req-6", List.of());
        PaymentRecord p = payment("vipps", 0, 0, List.of(other, unanswered));
        assertEquals(Optional.of(unanswered), OperationSync.openOperationFor(p, event("CAPTURE", "R-5", "req-5")));
        assertEquals(Optional.of(other), OperationSync.openOperationFor(p, event("CAPTURE", "R-6", "req-6")));
        assertEquals(Optional.empty(), OperationSync.openOperationFor(p, event("CAPTURE", "R-6", "req-9")),
                "an operation whose 202 named another request is not this event's");
    }

    private static TransactionEvent event(String kind, String reference, String correlation) {
        return new TransactionEvent("ev", kind, true, 100, 0, "PARTIALLY_CAPTURED", reference, "r", correlation,
                "client", null);
    }
}
