package org.tillpay.console.internal;

import java.time.Instant;
import java.util.List;

import org.tillpay.payment.api.PaymentHandle;
import org.tillpay.payment.api.PaymentLine;
import org.tillpay.payment.api.PaymentOperation;
import org.tillpay.payment.api.StatusChange;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The bundle's one {@link ObjectMapper}, and the API's JSON for payments. */
final class ConsoleJson {

    /**
     * Shared, thread-safe once configured; unknown request fields are refused (a typo is not silently ignored), and so
     * is anything after the body's JSON value.
     */
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ConsoleJson() {
    }

    /**
     * @param p the payment
     * @param lines its sale lines, or null when not wanted (lists)
     * @return the payment as the API shows it (schema {@code Payment})
     */
    static ObjectNode payment(PaymentHandle p, List<PaymentLine> lines) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("paymentId", p.paymentId());
        o.put("storeId", p.storeId());
        o.put("methodId", p.methodId());
        o.put("saleReference", p.saleReference());
        o.put("amountMinor", p.amountMinor());
        o.put("currency", p.currency());
        o.put("status", p.status().name());
        o.put("statusText", p.status().explanation());
        o.put("paid", p.status().isPaid());
        o.put("terminal", p.status().isTerminal());
        o.put("parked", p.parked());
        p.paymentUrl().ifPresent(u -> o.put("paymentUrl", u));
        p.paymentProduct().ifPresent(v -> o.put("paymentProduct", v));
        p.transactionId().ifPresent(v -> o.put("transactionId", v));
        o.put("createdAt", p.createdAt().toString());
        p.expiresAt().ifPresent(v -> o.put("expiresAt", v.toString()));
        o.put("capturedMinor", p.capturedMinor());
        o.put("refundedMinor", p.refundedMinor());
        o.put("giftCardMinor", p.giftCardMinor());
        p.deliveryAddress().ifPresent(v -> o.put("deliveryAddress", v));
        if (lines != null) {
            ArrayNode a = o.putArray("lines");
            for (PaymentLine l : lines) {
                a.addObject().put("lineId", l.lineId()).put("description", l.description()).put("quantity", l.quantity())
                        .put("unitPriceMinor", l.unitPriceMinor()).put("vatPercent", l.vatPercent())
                        .put("amountMinor", l.amountMinor());
            }
        }
        ArrayNode h = o.putArray("history");
        for (StatusChange c : p.history()) {
            ObjectNode e = h.addObject().put("status", c.status().name()).put("at", c.at().toString())
                    .put("source", c.source());
            c.detail().ifPresent(d -> e.put("detail", d));
        }
        ArrayNode ops = o.putArray("operations");
        for (PaymentOperation op : p.operations()) {
            ObjectNode e = ops.addObject().put("operationId", op.operationId()).put("kind", op.kind().name())
                    .put("origin", op.origin().name()).put("amountMinor", op.amountMinor())
                    .put("state", op.state().name());
            op.referenceIfAny().ifPresent(r -> e.put("reference", r));
            putIfSet(e, "requestedBy", op.requestedBy());
            putIfSet(e, "detail", op.detail());
            if (op.createdAt() != null) {
                e.put("createdAt", op.createdAt().toString());
            }
        }
        return o;
    }

    private static void putIfSet(ObjectNode o, String name, Object value) {
        if (value instanceof Instant i) {
            o.put(name, i.toString());
        } else if (value != null) {
            o.put(name, value.toString());
        }
    }
}
