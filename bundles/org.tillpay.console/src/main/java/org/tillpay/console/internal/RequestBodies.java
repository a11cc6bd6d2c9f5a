package org.tillpay.console.internal;

import java.util.LinkedHashSet;
import java.util.Set;

import org.tillpay.payment.api.InvalidPaymentRequestException;
import org.tillpay.payment.api.LinkExpiry;
import org.tillpay.payment.api.LinkOptions;
import org.tillpay.payment.api.OperationLine;
import org.tillpay.payment.api.OperationRequest;
import org.tillpay.payment.api.PaymentLine;
import org.tillpay.payment.api.PaymentMethodChoice;
import org.tillpay.payment.api.PaymentRequest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns the API's JSON bodies ({@code SaleRequest}, {@code OperationRequest}) into the SPI's requests; a field of the
 * wrong type, or one the SPI refuses, is named in the {@link ApiException}.
 */
final class RequestBodies {

    private RequestBodies() {
    }

    /** @return the payment request for the store; {@code park} is read by the caller */
    static PaymentRequest sale(String storeId, JsonNode body, String cashier) {
        try {
            return saleChecked(storeId, body, cashier);
        } catch (InvalidPaymentRequestException e) {
            throw ApiException.invalid(e);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ApiException.Type.INVALID_REQUEST, e.getMessage());
        }
    }

    private static PaymentRequest saleChecked(String storeId, JsonNode body, String cashier) {
        PaymentRequest.Builder b = PaymentRequest.builder().storeId(storeId)
                .saleReference(text(body, "saleReference", true)).currency(text(body, "currency", true));
        String till = text(body, "tillId", false);
        String byUser = "console-" + cashier.replaceAll("[^A-Za-z0-9._-]", "_");
        b.tillId(till == null ? byUser.substring(0, Math.min(64, byUser.length())) : till);
        JsonNode lines = body.path("lines");
        if (!lines.isArray() || lines.isEmpty()) {
            throw new ApiException(ApiException.Type.INVALID_REQUEST, "a sale needs at least one line", "lines");
        }
        int i = 0;
        for (JsonNode line : lines) {
            String at = "lines[" + i++ + "]";
            PaymentLine.Builder l = PaymentLine.builder().lineId(text(line, "lineId", true, at))
                    .description(text(line, "description", true, at))
                    .quantity(quantity(line, 1, at))
                    .unitPriceMinor(number(line, "unitPriceMinor", -1, at));
            if (line.hasNonNull("vatPercent")) {
                if (!line.get("vatPercent").isNumber()) {
                    throw new ApiException(ApiException.Type.INVALID_REQUEST, "must be a number", at + ".vatPercent");
                }
                l.vatPercent(line.get("vatPercent").decimalValue());
            } else {
                l.vatPercent(PaymentLine.DEFAULT_VAT_PERCENT);
            }
            b.line(l);
        }
        b.customerPhone(text(body, "customerPhone", false)).customerEmail(text(body, "customerEmail", false));
        LinkOptions.Builder o = LinkOptions.builder();
        if (body.hasNonNull("paymentMethods")) {
            Set<PaymentMethodChoice> methods = new LinkedHashSet<>();
            for (JsonNode m : array(body, "paymentMethods")) {
                try {
                    methods.add(PaymentMethodChoice.fromId(m.asText()));
                } catch (IllegalArgumentException e) {
                    throw new ApiException(ApiException.Type.INVALID_REQUEST, "'" + m.asText()
                            + "' is not a payment method", "paymentMethods");
                }
            }
            o.paymentMethods(methods);
        }
        if (body.hasNonNull("expiry")) {
            try {
                o.expiry(LinkExpiry.valueOf(body.get("expiry").asText()));
            } catch (IllegalArgumentException e) {
                throw new ApiException(ApiException.Type.INVALID_REQUEST, "one of ONE_DAY, ONE_WEEK, ONE_MONTH",
                        "expiry");
            }
        }
        o.express(flag(body, "express", false)).autoCapture(flag(body, "autoCapture", false))
                .sendSms(flag(body, "sendSms", true)).sendEmail(flag(body, "sendEmail", true))
                .linkOnly(flag(body, "linkOnly", false));
        b.linkOptions(o.build());
        return b.build();
    }

    /** @return the capture or refund request, asked for by {@code requestedBy} */
    static OperationRequest operation(JsonNode body, String requestedBy) {
        try {
            return operationChecked(body, requestedBy);
        } catch (InvalidPaymentRequestException e) {
            throw ApiException.invalid(e);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ApiException.Type.INVALID_REQUEST, e.getMessage());
        }
    }

    private static OperationRequest operationChecked(JsonNode body, String requestedBy) {
        OperationRequest.Builder b = OperationRequest.builder().reference(text(body, "reference", true))
                .reason(text(body, "reason", false)).requestedBy(requestedBy);
        if (body.hasNonNull("amountMinor")) {
            b.amountMinor(number(body, "amountMinor", -1, null));
        }
        int i = 0;
        for (JsonNode line : body.hasNonNull("lines") ? array(body, "lines") : body.path("lines")) {
            String at = "lines[" + i++ + "]";
            String id = text(line, "lineId", true, at);
            b.line(line.hasNonNull("quantity") ? OperationLine.of(id, quantity(line, -1, at))
                    : OperationLine.whole(id));
        }
        return b.build();
    }

    private static String text(JsonNode node, String field, boolean required) {
        return text(node, field, required, null);
    }

    private static String text(JsonNode node, String field, boolean required, String at) {
        JsonNode v = node.get(field);
        String name = at == null ? field : at + "." + field;
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
            if (required) {
                throw new ApiException(ApiException.Type.INVALID_REQUEST, "is required", name);
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new ApiException(ApiException.Type.INVALID_REQUEST, "must be a string", name);
        }
        return v.asText().strip();
    }

    /** @return the whole number, or {@code fallback} when absent (a negative fallback makes it required) */
    private static long number(JsonNode node, String field, long fallback, String at) {
        JsonNode v = node.get(field);
        String name = at == null ? field : at + "." + field;
        if (v == null || v.isNull()) {
            if (fallback < 0) {
                throw new ApiException(ApiException.Type.INVALID_REQUEST, "is required", name);
            }
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new ApiException(ApiException.Type.INVALID_REQUEST, "must be a whole number", name);
        }
        return v.asLong();
    }

    /** @return the line's quantity, a whole number that fits an int (a larger one is refused, not cut short) */
    private static int quantity(JsonNode line, long fallback, String at) {
        long q = number(line, "quantity", fallback, at);
        if (q < Integer.MIN_VALUE || q > Integer.MAX_VALUE) {
            throw new ApiException(ApiException.Type.INVALID_REQUEST, "is too large", at + ".quantity");
        }
        return (int) q;
    }

    /** @return the field's array; anything else is refused (an object or a string is not iterated as if it were) */
    private static JsonNode array(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (!v.isArray()) {
            throw new ApiException(ApiException.Type.INVALID_REQUEST, "must be an array", field);
        }
        return v;
    }

    private static boolean flag(JsonNode node, String field, boolean fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw new ApiException(ApiException.Type.INVALID_REQUEST, "must be true or false", field);
        }
        return v.asBoolean();
    }
}
