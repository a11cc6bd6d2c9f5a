package org.tillpay.dintero.internal.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.dintero.internal.client.CreatedSession;
import org.tillpay.dintero.internal.client.DinteroApi;
import org.tillpay.dintero.internal.client.DinteroCallException;
import org.tillpay.dintero.internal.config.StoreSettings;
import org.tillpay.ledger.NewPayment;
import org.tillpay.ledger.PaymentLedger;
import org.tillpay.ledger.PaymentRecord;
import org.tillpay.ledger.StatusUpdate;
import org.tillpay.ledger.TransitionResult;
import org.tillpay.payment.api.InvalidPaymentRequestException;
import org.tillpay.payment.api.PaymentFailedException;
import org.tillpay.payment.api.PaymentHandle;
import org.tillpay.payment.api.PaymentRequest;
import org.tillpay.payment.api.PaymentStatus;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Starts a payment (FLOWS.md (a) steps 1–4): checks the request against the store, records the payment in the ledger
 * <em>before</em> Dintero is asked (so a fast callback finds it), creates the session, and records the link.
 * <p>
 * Each attempt at a sale gets its own merchant reference, {@code <sale>/<attempt>}, because a Dintero session holds
 * one transaction. A sale that already has a paid or still pending attempt is refused: the customer must never be
 * asked to pay twice.
 */
final class PaymentStarter {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentStarter.class);
    private static final int MAX_ATTEMPTS = 99;

    private final StoreSettings settings;
    private final DinteroApi api;
    private final PaymentLedger ledger;
    private final PaymentListeners listeners;
    private final Clock clock;

    PaymentStarter(StoreSettings settings, DinteroApi api, PaymentLedger ledger, PaymentListeners listeners, Clock clock) {
        this.settings = settings;
        this.api = api;
        this.ledger = ledger;
        this.listeners = listeners;
        this.clock = clock;
    }

    CompletableFuture<PaymentHandle> start(PaymentRequest request) {
        if (!request.storeId().equals(settings.storeId())) {
            throw new InvalidPaymentRequestException("storeId", "this is the Dintero method of store "
                    + settings.storeId() + ", not of store " + request.storeId());
        }
        String merchantReference = nextMerchantReference(request.saleReference());
        Instant now = clock.instant();
        Instant expiresAt = now.plus(request.linkOptions().expiry().duration());
        ObjectNode body = SessionRequestMapper.sessionBody(settings, request, merchantReference, expiresAt);
        String paymentId = UUID.randomUUID().toString();
        ledger.create(new NewPayment(paymentId, settings.storeId(), DinteroStoreCore.METHOD_ID,
                request.saleReference(), merchantReference, request.currency().getCurrencyCode(), request.amountMinor(),
                request.vatAmountMinor(), request.lines(), now, expiresAt));
        LOG.info("store {} sale {}: payment {} recorded ({} {}), creating Dintero session", settings.storeId(),
                request.saleReference(), paymentId, request.amountMinor(), request.currency());
        return api.createSession(body)
                .thenApply(session -> linkSent(paymentId, request, session))
                .exceptionally(failure -> {
                    throw failed(paymentId, request, failure);
                });
    }

    private String nextMerchantReference(String saleReference) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            String candidate = saleReference + "/" + attempt;
            Optional<PaymentRecord> earlier = ledger.findByMerchantReference(settings.storeId(), candidate);
            if (earlier.isEmpty()) {
                return candidate;
            }
            PaymentStatus status = earlier.get().status();
            if (status.isPaid() || !status.isTerminal()) {
                throw new InvalidPaymentRequestException("saleReference", "sale " + saleReference + " already has a "
                        + (status.isPaid() ? "paid" : "pending") + " payment " + earlier.get().paymentId()
                        + " (" + status + ")");
            }
        }
        throw new InvalidPaymentRequestException("saleReference", "sale " + saleReference + " has had "
                + MAX_ATTEMPTS + " payment attempts; use a new sale reference");
    }

    private PaymentHandle linkSent(String paymentId, PaymentRequest request, CreatedSession session) {
        String detail = session.publish().isEmpty() ? "link only" : "publish " + String.join(", ", session.publish());
        TransitionResult result = ledger.attachSession(paymentId, session.id(), session.url(), detail, clock.instant());
        PaymentRecord after = result.payment();
        LOG.info("store {} sale {}: payment {} session {} created ({})", settings.storeId(), request.saleReference(),
                paymentId, session.id(), detail);
        if (result.applied()) {
            listeners.notifyChange(after.toHandle(), after.history().get(after.history().size() - 1));
        }
        return after.toHandle();
    }

    private RuntimeException failed(String paymentId, PaymentRequest request, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof DinteroCallException call && call.isClientError()) {
            // A 4xx means Dintero made no session: the attempt is over and the sale may try again.
            TransitionResult result = ledger.transition(new StatusUpdate(paymentId, PaymentStatus.FAILED, null, null,
                    "start", "Dintero refused the session: " + call.getMessage(), null, clock.instant()));
            if (result.applied()) {
                PaymentRecord after = result.payment();
                listeners.notifyChange(after.toHandle(), after.history().get(after.history().size() - 1));
            }
            boolean credentials = call.status() == 401 || call.status() == 403;
            LOG.warn("store {} sale {}: payment {} refused by Dintero{}: {}", settings.storeId(),
                    request.saleReference(), paymentId, credentials ? " (check the store's credentials)" : "",
                    call.getMessage());
            return new PaymentFailedException(credentials ? PaymentFailedException.Reason.UNAUTHORIZED
                    : PaymentFailedException.Reason.REJECTED, call.getMessage(), null);
        }
        // The outcome is unknown: the session may exist and the SMS may have gone. Never create another blindly.
        LOG.warn("store {} sale {}: payment {} outcome unknown, left CREATED: {}", settings.storeId(),
                request.saleReference(), paymentId, cause.getMessage());
        return new PaymentFailedException(PaymentFailedException.Reason.UNAVAILABLE, "Dintero did not answer; "
                + "payment " + paymentId + " is kept and must be checked before a new link is sent: " + cause.getMessage(), null);
    }
}
