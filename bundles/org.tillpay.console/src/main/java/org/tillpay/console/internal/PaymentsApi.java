package org.tillpay.console.internal;

import java.io.IOException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.ledger.LedgerException;
import org.tillpay.ledger.PaymentLedger;
import org.tillpay.ledger.PaymentRecord;
import org.tillpay.payment.api.InvalidPaymentRequestException;
import org.tillpay.payment.api.PaymentFailedException;
import org.tillpay.payment.api.PaymentHandle;
import org.tillpay.payment.api.PaymentMethod;
import org.tillpay.payment.api.PaymentRequest;
import org.tillpay.payment.api.PaymentStatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * {@code /stores/{store}/payments} and {@code /payments/...}: selling and following payments through the SPI, listing
 * them from the ledger. Every refusal names the field; nothing reaches the provider before the SPI has checked it.
 */
final class PaymentsApi {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentsApi.class);
    private static final long WAIT_SECONDS = 60;

    private final ConsoleStores stores;
    private final PaymentLedger ledger;
    private final PaymentEventStream events;

    PaymentsApi(ConsoleStores stores, PaymentLedger ledger, PaymentEventStream events) {
        this.stores = stores;
        this.ledger = ledger;
        this.events = events;
    }

    /** {@code POST /stores/{store}/payments}. */
    void start(Exchange x, String storeId) throws IOException {
        x.require(Role.CASHIER);
        PaymentMethod method = stores.method(storeId);
        JsonNode body = x.body();
        PaymentRequest request = RequestBodies.sale(storeId, body, x.user.name());
        PaymentHandle started = await(call(() -> method.startPayment(request)));
        LOG.info("store {} sale {}: payment {} started from the console by {}", storeId, request.saleReference(),
                started.paymentId(), x.user.name());
        if (body.path("park").asBoolean(false)) {
            started = method.parkPayment(started.paymentId());
        }
        x.json(201, ConsoleJson.payment(started, ledger.lines(started.paymentId())));
    }

    /** {@code GET /payments?store=&status=&sale=&limit=}. */
    void list(Exchange x) throws IOException {
        x.require(Role.CASHIER);
        PaymentStatus status = null;
        String s = x.req.getParameter("status");
        if (s != null && !s.isBlank()) {
            try {
                status = PaymentStatus.valueOf(s.strip());
            } catch (IllegalArgumentException e) {
                throw new ApiException(ApiException.Type.INVALID_REQUEST, "'" + s + "' is not a payment status",
                        "status");
            }
        }
        int limit = 50;
        String l = x.req.getParameter("limit");
        if (l != null) {
            try {
                limit = Integer.parseInt(l);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > 500) {
                throw new ApiException(ApiException.Type.INVALID_REQUEST, "1 to 500", "limit");
            }
        }
        ArrayNode list = ConsoleJson.MAPPER.createArrayNode();
        for (PaymentRecord p : ledger.findLatest(blankToNull(x.req.getParameter("store")), status,
                blankToNull(x.req.getParameter("sale")), limit)) {
            list.add(ConsoleJson.payment(p.toHandle(), null));
        }
        x.json(200, list);
    }

    /** {@code GET /payments/{id}}. */
    void get(Exchange x, String paymentId) throws IOException {
        x.require(Role.CASHIER);
        PaymentHandle p = stores.payment(paymentId).payment();
        x.json(200, ConsoleJson.payment(p, ledger.lines(paymentId)));
    }

    /** {@code POST /payments/{id}/{refresh|park|cancel|captures|refunds}}. */
    void act(Exchange x, String paymentId, String action) throws IOException {
        x.require(Role.CASHIER);
        ConsoleStores.Found found = stores.payment(paymentId);
        PaymentMethod method = found.method();
        PaymentHandle after;
        switch (action) {
            case "refresh" -> after = await(call(() -> method.refreshPayment(paymentId)));
            case "park" -> after = method.parkPayment(paymentId);
            case "cancel" -> {
                if (found.payment().status().isPaid()) {
                    x.require(Role.MANAGER); // a paid payment is voided: money moves back
                    after = await(call(() -> method.cancelPayment(paymentId, x.user.name())));
                } else {
                    after = await(call(() -> method.cancelPayment(paymentId)));
                }
            }
            case "captures" -> {
                x.require(Role.MANAGER);
                JsonNode body = x.body();
                after = await(call(() -> method.capturePayment(paymentId, RequestBodies.operation(body,
                        x.user.name()))));
            }
            case "refunds" -> {
                x.require(Role.MANAGER);
                JsonNode body = x.body();
                after = await(call(() -> method.refundPayment(paymentId, RequestBodies.operation(body,
                        x.user.name()))));
            }
            default -> throw new ApiException(ApiException.Type.NOT_FOUND, "no action '" + action + "'");
        }
        LOG.info("store {} sale {}: payment {} {} from the console by {} (now {})", after.storeId(),
                after.saleReference(), paymentId, action, x.user.name(), after.status());
        x.json(200, ConsoleJson.payment(after, ledger.lines(paymentId)));
    }

    /** {@code GET /payments/{id}/qr}: the link as a PNG. */
    void qr(Exchange x, String paymentId) throws IOException {
        x.require(Role.CASHIER);
        ConsoleStores.Found found = stores.payment(paymentId);
        byte[] png;
        try {
            png = found.method().qrCodePng(paymentId, 320);
        } catch (PaymentFailedException e) {
            throw refusal(e);
        }
        x.resp.setStatus(200);
        x.resp.setContentType("image/png");
        x.resp.setHeader("Cache-Control", "no-store");
        x.resp.setContentLength(png.length);
        x.resp.getOutputStream().write(png);
    }

    /** {@code GET /payments/{id}/events}: server-sent events until the client goes. */
    void stream(Exchange x, String paymentId) {
        x.require(Role.CASHIER);
        PaymentHandle now = stores.payment(paymentId).payment();
        events.subscribe(x.req, x.resp, now);
    }

    /** A call into the SPI that may refuse at once. */
    @FunctionalInterface
    private interface Call {
        CompletionStage<PaymentHandle> run();
    }

    private static CompletionStage<PaymentHandle> call(Call call) {
        try {
            return call.run();
        } catch (InvalidPaymentRequestException e) {
            throw ApiException.invalid(e);
        } catch (PaymentFailedException e) {
            throw refusal(e);
        }
    }

    private static PaymentHandle await(CompletionStage<PaymentHandle> stage) {
        try {
            return stage.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw failure(e.getCause() instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                    ? c.getCause() : e.getCause());
        } catch (TimeoutException e) {
            throw new ApiException(ApiException.Type.PROVIDER_UNAVAILABLE, "no answer within " + WAIT_SECONDS
                    + " s; the payment is kept and followed up: look it up again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ApiException.Type.PROVIDER_UNAVAILABLE, "interrupted");
        }
    }

    /**
     * @param cause why a payment call completed exceptionally
     * @return the answer: a refusal as its reason says; the ledger's database not answering (during the call, e.g.
     *         while PostgreSQL restarts) a 503 with {@code Retry-After}, as when it fails before the call (the ledger
     *         refuses a second payment of the sale while the first is pending, so sending the start again is safe);
     *         anything else 502
     */
    static ApiException failure(Throwable cause) {
        if (cause instanceof InvalidPaymentRequestException invalid) {
            return ApiException.invalid(invalid);
        }
        if (cause instanceof PaymentFailedException failed) {
            return refusal(failed);
        }
        if (cause instanceof LedgerException ledger) {
            return ApiException.ledgerUnavailable(ledger.getMessage());
        }
        return new ApiException(ApiException.Type.PROVIDER_UNAVAILABLE, String.valueOf(cause.getMessage()));
    }

    private static ApiException refusal(PaymentFailedException e) {
        return switch (e.reason()) {
            case NOT_FOUND -> new ApiException(ApiException.Type.NOT_FOUND, e.getMessage());
            case REJECTED -> new ApiException(ApiException.Type.REFUSED, e.getMessage());
            default -> new ApiException(ApiException.Type.PROVIDER_UNAVAILABLE, e.getMessage());
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
