package org.tillpay.dintero.internal.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tillpay.dintero.internal.client.DinteroJson;
import org.tillpay.ledger.OperationLineAmount;
import org.tillpay.ledger.OperationRecord;
import org.tillpay.ledger.PaymentRecord;
import org.tillpay.payment.api.InvalidPaymentRequestException;
import org.tillpay.payment.api.OperationKind;
import org.tillpay.payment.api.OperationLine;
import org.tillpay.payment.api.OperationRequest;
import org.tillpay.payment.api.OperationState;
import org.tillpay.payment.api.PaymentLine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a capture or refund covers, worked out from the staff's request and the sale's lines before Dintero is called
 * (FLOWS.md (c)): the amount, the lines with their amounts (for the ledger), and the {@code items} Dintero gets, with
 * the sale's own {@code line_id}s. Checks what only the sale can tell: lines unknown to it, more units than it has,
 * an amount that is not the lines' sum, and Walley's rule that captures are whole lines.
 *
 * @param amountMinor the amount, minor units
 * @param lines the lines covered; empty when chosen by amount only
 */
record OperationItems(long amountMinor, List<OperationLineAmount> lines) {

    OperationItems {
        lines = List.copyOf(lines);
    }

    /**
     * @param kind capture or refund
     * @param request the staff's request
     * @param payment the payment, with its operations
     * @param saleLines the sale's lines
     * @return what the operation covers
     * @throws InvalidPaymentRequestException naming the field at fault
     */
    static OperationItems resolve(OperationKind kind, OperationRequest request, PaymentRecord payment,
            List<PaymentLine> saleLines) {
        boolean walleyCapture = kind == OperationKind.CAPTURE && isWalley(payment.paymentProduct());
        if (request.lines().isEmpty()) {
            if (walleyCapture && request.amountMinor().isPresent()) {
                throw new InvalidPaymentRequestException("lines", "Walley captures must be whole lines: name the"
                        + " lines to capture instead of an amount");
            }
            return request.amountMinor().map(amount -> new OperationItems(amount, List.of()))
                    .orElseGet(() -> everythingLeft(kind, payment, saleLines));
        }
        Map<String, PaymentLine> byId = new HashMap<>();
        saleLines.forEach(l -> byId.put(l.lineId(), l));
        List<OperationLineAmount> lines = new ArrayList<>();
        long sum = 0;
        for (OperationLine asked : request.lines()) {
            PaymentLine line = byId.get(asked.lineId());
            if (line == null) {
                throw new InvalidPaymentRequestException("lines", "line " + asked.lineId() + " is not on sale "
                        + payment.saleReference() + " (its lines: " + byId.keySet() + ")");
            }
            int quantity = asked.isWhole() ? line.quantity() : asked.quantity();
            if (quantity > line.quantity()) {
                throw new InvalidPaymentRequestException("lines.quantity", "line " + line.lineId() + " has "
                        + line.quantity() + " units, not " + quantity);
            }
            if (walleyCapture && quantity != line.quantity()) {
                throw new InvalidPaymentRequestException("lines", "Walley captures must be whole lines: line "
                        + line.lineId() + " has " + line.quantity() + " units, " + quantity + " were asked");
            }
            lines.add(amountOf(line, quantity));
            sum += lines.get(lines.size() - 1).amountMinor();
        }
        long total = sum;
        request.amountMinor().filter(amount -> amount != total).ifPresent(amount -> {
            throw new InvalidPaymentRequestException("amountMinor", "is " + amount + " but the lines asked for add up"
                    + " to " + total);
        });
        return new OperationItems(sum, lines);
    }

    /** Without lines or amount: all that is left, with its lines where they are known. */
    private static OperationItems everythingLeft(OperationKind kind, PaymentRecord payment, List<PaymentLine> saleLines) {
        if (kind == OperationKind.REFUND) {
            boolean allCapturedNoneRefunded = payment.refundedMinor() == 0
                    && payment.capturedMinor() == payment.amountMinor();
            return new OperationItems(payment.refundableMinor(), allCapturedNoneRefunded ? all(saleLines) : List.of());
        }
        Map<String, Integer> captured = capturedUnits(payment);
        if (captured == null) {
            return new OperationItems(payment.capturableMinor(), List.of());
        }
        List<OperationLineAmount> left = new ArrayList<>();
        for (PaymentLine line : saleLines) {
            int units = line.quantity() - captured.getOrDefault(line.lineId(), 0);
            if (units > 0) {
                left.add(amountOf(line, units));
            }
        }
        long sum = left.stream().mapToLong(OperationLineAmount::amountMinor).sum();
        return sum == payment.capturableMinor() ? new OperationItems(sum, left)
                : new OperationItems(payment.capturableMinor(), List.of());
    }

    /** @return units captured per line, or null when a capture was made by amount only (lines then unknown) */
    private static Map<String, Integer> capturedUnits(PaymentRecord payment) {
        Map<String, Integer> units = new HashMap<>();
        for (OperationRecord op : payment.operations()) {
            if (op.kind() != OperationKind.CAPTURE || op.state() == OperationState.FAILED) {
                continue;
            }
            if (op.lines().isEmpty()) {
                return null;
            }
            op.lines().forEach(l -> units.merge(l.lineId(), l.quantity(), Integer::sum));
        }
        return units;
    }

    private static List<OperationLineAmount> all(List<PaymentLine> saleLines) {
        return saleLines.stream().map(l -> amountOf(l, l.quantity())).toList();
    }

    private static OperationLineAmount amountOf(PaymentLine line, int quantity) {
        if (quantity == line.quantity()) {
            return new OperationLineAmount(line.lineId(), quantity, line.amountMinor(), line.vatAmountMinor());
        }
        long amount = Math.multiplyExact((long) quantity, line.unitPriceMinor());
        return new OperationLineAmount(line.lineId(), quantity, amount,
                PaymentLine.vatIncludedIn(amount, line.vatPercent()));
    }

    /** @return true for Walley (Dintero's {@code collector.*} payment types) */
    static boolean isWalley(String paymentProductType) {
        return paymentProductType != null && paymentProductType.startsWith("collector");
    }

    /**
     * @param saleLines the sale's lines, for descriptions and VAT rates
     * @return Dintero's {@code items}: the sale's line ids with the amounts covered; empty for an amount only
     */
    ArrayNode dinteroItems(List<PaymentLine> saleLines) {
        Map<String, PaymentLine> byId = new HashMap<>();
        saleLines.forEach(l -> byId.put(l.lineId(), l));
        ArrayNode items = DinteroJson.MAPPER.createArrayNode();
        for (OperationLineAmount covered : lines) {
            PaymentLine line = byId.get(covered.lineId());
            ObjectNode item = items.addObject();
            item.put("line_id", covered.lineId());
            item.put("amount", covered.amountMinor());
            item.put("quantity", covered.quantity());
            if (line != null) {
                item.put("description", line.description());
                item.put("vat", line.vatPercent());
            }
            item.put("vat_amount", covered.vatAmountMinor());
        }
        return items;
    }
}
