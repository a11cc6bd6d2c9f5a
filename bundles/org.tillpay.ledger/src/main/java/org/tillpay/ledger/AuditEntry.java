package org.tillpay.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * One gateway call as kept in the audit trail. Holds no secrets: callers pass masked values only.
 *
 * @param at when
 * @param storeId the store
 * @param saleReference the sale, or null
 * @param paymentId the payment, or null
 * @param operation what was called ({@code session.create}, {@code session.cancel}, {@code capture}, {@code refund},
 *        {@code void}, {@code transaction.read})
 * @param amountMinor the amount involved, or null
 * @param currency the currency, or null
 * @param result how it ended ({@code ok 200}, {@code accepted 202}, {@code refused 400: ...}, {@code no answer: ...})
 * @param providerEventId the provider's event id, or null
 * @param requestedBy who asked
 * @param detail more, or null (at most 1,024 characters are kept)
 */
public record AuditEntry(Instant at, String storeId, String saleReference, String paymentId, String operation,
        Long amountMinor, String currency, String result, String providerEventId, String requestedBy, String detail) {

    /** Checks the required fields. */
    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(requestedBy, "requestedBy");
    }
}
