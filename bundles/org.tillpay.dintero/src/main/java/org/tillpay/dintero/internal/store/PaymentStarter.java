package org.tillpay.dintero.internal.store;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.dintero.internal.client.Completions;
import org.tillpay.dintero.internal.client.CreatedSession;
import org.tillpay.dintero.internal.client.DinteroApi;
import org.tillpay.dintero.internal.client.DinteroCallException;
import org.tillpay.dintero.internal.config.StoreSettings;
import org.tillpay.dintero.internal.mail.LinkEmail;
import org.tillpay.dintero.internal.mail.EmailResult;
import org.tillpay.dintero.internal.mail.LinkMailer;
import org.tillpay.ledger.NewPayment;
import org.tillpay.ledger.PaymentLedger;
import org.tillpay.ledger.PaymentRecord;
import org.tillpay.ledger.StatusUpdate;
import org.tillpay.ledger.TransitionResult;
import org.tillpay.payment.api.InvalidPaymentRequestException;
import org.tillpay.payment.api.PaymentFailedException;
import org.tillpay.payment.api.PaymentHandle;
import org.tillpay.payment.api.PaymentMethodChoice;
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
    /** The audit trail's name for creating the session. */
    static final String SESSION_CREATE = "session.create";
    /** How the audit trail's result begins when Dintero did not answer the session creation. */
    static final String NO_ANSWER = "no answer";

    private final StoreSettings settings;
    private final DinteroApi api;
    private final PaymentLedger ledger;
    private final PaymentListeners listeners;
    private final Clock clock;
    private final Set<PaymentMethodChoice> storeMethods;
    private final LinkMailer mailer;
    private final OperationAudit audit;

    PaymentStarter(StoreSettings settings, Set<PaymentMethodChoice> storeMethods, DinteroApi api, LinkMailer mailer,
            PaymentLedger ledger, PaymentListeners listeners, OperationAudit audit, Clock clock) {
        this.settings = settings;
        this.audit = audit;
        this.mailer = mailer;
        this.storeMethods = storeMethods;
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
        Set<PaymentMethodChoice> methods = PaymentMethodConfiguration.offered(request.linkOptions(),
                storeMethods, settings.storeId());
        boolean email = wantsEmail(request);
        String merchantReference = nextMerchantReference(request.saleReference());
        Instant now = clock.instant();
        Instant expiresAt = now.plus(request.linkOptions().expiry().duration());
        ObjectNode body = SessionRequestMapper.sessionBody(settings, request, methods, merchantReference, expiresAt);
        String paymentId = UUID.randomUUID().toString();
        ledger.create(new NewPayment(paymentId, settings.storeId(), DinteroStoreCore.METHOD_ID,
                request.saleReference(), merchantReference, request.currency().getCurrencyCode(), request.amountMinor(),
                request.vatAmountMinor(), request.lines(), now, expiresAt));
        LOG.info("store {} sale {}: payment {} recorded ({} {}), creating Dintero session", settings.storeId(),
                request.saleReference(), paymentId, request.amountMinor(), request.currency());
        return api.createSession(body)
                .thenCompose(session -> (email ? mailer.send(settings, LinkEmail.from(request, storeName(), session.url(),
                        expiresAt)) : CompletableFuture.completedFuture((EmailResult) null))
                        .thenApply(mailed -> linkSent(paymentId, request, session, mailed)))
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

    /**
     * @return true when the link is to be e-mailed by us (Dintero has no e-mail channel)
     * @throws InvalidPaymentRequestException when only an e-mail address was given and the store cannot send e-mail
     */
    private boolean wantsEmail(PaymentRequest request) {
        if (request.customerEmail().isEmpty() || !request.linkOptions().sendEmail()) {
            return false;
        }
        if (LinkMailer.isAvailable(settings)) {
            return true;
        }
        boolean smsWillGo = request.customerPhone().isPresent() && request.linkOptions().sendSms();
        if (!smsWillGo && !request.linkOptions().linkOnly()) {
            throw new InvalidPaymentRequestException("customerEmail", "store " + settings.storeId()
                    + " has no SMTP server configured (smtp.host), so the link cannot be e-mailed; give a phone"
                    + " number or ask for the link only");
        }
        return false;
    }

    private String storeName() {
        return settings.storeName().isEmpty() ? settings.storeId() : settings.storeName();
    }

    private PaymentHandle linkSent(String paymentId, PaymentRequest request, CreatedSession session,
            EmailResult mailed) {
        List<String> deliveries = new ArrayList<>();
        if (!session.publish().isEmpty()) {
            deliveries.add("publish " + String.join(", ", session.publish()));
        }
        if (mailed != null) {
            deliveries.add(mailed.isSent() ? "email:sent" : "email:failed (" + mailed.reason().orElse("?") + ")");
        }
        String detail = deliveries.isEmpty() ? "link only" : String.join("; ", deliveries);
        // the audit row is written in the session's transaction: one commit on the path of every link, not two
        TransitionResult result = ledger.attachSession(paymentId, session.id(), session.url(), detail, clock.instant(),
                audit.entry(settings.storeId(), request.saleReference(), paymentId,
                        request.currency().getCurrencyCode(), SESSION_CREATE, request.amountMinor(), "ok",
                        requester(request), "session " + session.id() + "; " + detail));
        PaymentRecord after = result.payment();
        LOG.info("store {} sale {}: payment {} session {} created ({})", settings.storeId(), request.saleReference(),
                paymentId, session.id(), detail);
        if (result.applied()) {
            listeners.notifyLatest(after);
        }
        return after.toHandle();
    }

    /** @return who asked for the link, for the audit trail: the till when known */
    private static String requester(PaymentRequest request) {
        return request.tillId().map(till -> "till " + till).orElse("pos");
    }

    private RuntimeException failed(String paymentId, PaymentRequest request, Throwable failure) {
        Throwable cause = Completions.cause(failure);
        ledger.find(paymentId).ifPresent(p -> audit.record(p, SESSION_CREATE, request.amountMinor(),
                (cause instanceof DinteroCallException call && call.isClientError() ? "refused " + call.status()
                        : cause instanceof DinteroCallException call && call.notSent() ? "not sent"
                        : NO_ANSWER) + ": " + cause.getMessage(), null, requester(request), null));
        if (cause instanceof DinteroCallException call && call.notSent()) {
            // Tillpay refused to send it (the store's circuit breaker is open, or a queue is full): Dintero made no
            // session, so the attempt is over and the sale may try again later.
            TransitionResult result = ledger.transition(new StatusUpdate(paymentId, PaymentStatus.FAILED, null, null,
                    "start", "not sent to Dintero: " + call.getMessage(), null, clock.instant()));
            if (result.applied()) {
                listeners.notifyLatest(result.payment());
            }
            LOG.warn("store {} sale {}: payment {} not sent to Dintero: {}", settings.storeId(),
                    request.saleReference(), paymentId, call.getMessage());
            return new PaymentFailedException(PaymentFailedException.Reason.UNAVAILABLE, call.getMessage(), null);
        }
        if (cause instanceof DinteroCallException call && call.isClientError()) {
            // A 4xx means Dintero made no session: the attempt is over and the sale may try again.
            TransitionResult result = ledger.transition(new StatusUpdate(paymentId, PaymentStatus.FAILED, null, null,
                    "start", "Dintero refused the session: " + call.getMessage(), null, clock.instant()));
            if (result.applied()) {
                PaymentRecord after = result.payment();
                listeners.notifyLatest(after);
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
