package org.tillpay.dintero.internal.store;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.dintero.internal.client.Completions;
import org.tillpay.dintero.internal.client.DinteroApi;
import org.tillpay.dintero.internal.client.DinteroCallException;
import org.tillpay.ledger.PaymentLedger;
import org.tillpay.ledger.PaymentRecord;
import org.tillpay.ledger.StatusUpdate;
import org.tillpay.payment.api.PaymentFailedException;
import org.tillpay.payment.api.PaymentStatus;

/**
 * The cashier cancels a payment (FLOWS.md (b) 6): a session without a paid transaction is cancelled at Dintero, which
 * also voids an authorization, so the customer is never charged; a captured payment cannot be cancelled. When
 * Dintero refuses or does not answer, the session is read back before anything is recorded.
 */
final class PaymentCancellation {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentCancellation.class);

    private final DinteroApi api;
    private final PaymentLedger ledger;
    private final PaymentReadBack readBack;
    private final Clock clock;
    private final OperationAudit audit;

    PaymentCancellation(DinteroApi api, PaymentLedger ledger, PaymentReadBack readBack, OperationAudit audit,
            Clock clock) {
        this.audit = audit;
        this.api = api;
        this.ledger = ledger;
        this.readBack = readBack;
        this.clock = clock;
    }

    CompletableFuture<PaymentRecord> cancel(PaymentRecord payment, String requestedBy) {
        if (payment.status() == PaymentStatus.CAPTURED) {
            return CompletableFuture.failedFuture(new PaymentFailedException(PaymentFailedException.Reason.REJECTED,
                    "payment " + payment.paymentId() + " is captured and cannot be cancelled; refund it instead", null));
        }
        if (payment.status().isTerminal()) {
            return CompletableFuture.completedFuture(payment);
        }
        if (payment.sessionId() == null) {
            return CompletableFuture.completedFuture(readBack.apply(payment, new StatusUpdate(payment.paymentId(),
                    PaymentStatus.CANCELLED, null, null, "cancel", "cancelled before Dintero answered with a link;"
                            + " watched until the link would expire: a payment made on it is voided", null,
                    clock.instant())));
        }
        return api.cancelSession(payment.sessionId())
                .whenComplete((session, failure) -> audit.record(payment, "session.cancel", null, failure == null ? "ok"
                        : "failed: " + Completions.cause(failure).getMessage(), null, requestedBy,
                        "session " + payment.sessionId()))
                .thenApply(session -> readBack.apply(payment, new StatusUpdate(payment.paymentId(),
                        PaymentStatus.CANCELLED, session.transactionId(), null, "cancel",
                        session.transactionId() == null ? "session cancelled" : "session cancelled, authorization voided",
                        "session:" + session.id() + ":cancelled", clock.instant())))
                .exceptionallyCompose(failure -> afterFailedCancel(payment, failure));
    }

    /** Dintero refused or did not answer: learn the truth by reading the payment back, then report. */
    private CompletableFuture<PaymentRecord> afterFailedCancel(PaymentRecord payment, Throwable failure) {
        Throwable cause = Completions.cause(failure);
        LOG.warn("store {} sale {}: cancelling payment {} failed, reading it back: {}", payment.storeId(),
                payment.saleReference(), payment.paymentId(), cause.getMessage());
        return readBack.readBack(payment, "cancel").thenApply(now -> {
            if (now.status() == PaymentStatus.CANCELLED) {
                return now;
            }
            boolean refused = cause instanceof DinteroCallException call && call.isClientError();
            throw new CompletionException(new PaymentFailedException(
                    refused ? PaymentFailedException.Reason.REJECTED : PaymentFailedException.Reason.UNAVAILABLE,
                    "payment " + payment.paymentId() + " was not cancelled (now " + now.status() + "): "
                            + cause.getMessage(), null));
        });
    }
}
