package org.tillpay.ledger;

import java.util.Objects;

/**
 * What a status change did.
 *
 * @param outcome whether it was applied
 * @param payment the payment as recorded afterwards
 */
public record TransitionResult(Outcome outcome, PaymentRecord payment) {

    /** Whether a change was applied. */
    public enum Outcome {
        /** The change was applied and committed; listeners should hear of it. */
        APPLIED,
        /** Already applied (same event id, or the payment already has that status): nothing changed. */
        DUPLICATE,
        /** Not allowed from the payment's current status (for example AUTHORIZED after CAPTURED): nothing changed. */
        REFUSED
    }

    /** Checks that nothing required is missing. */
    public TransitionResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(payment, "payment");
    }

    /** @return true when the change was applied */
    public boolean applied() {
        return outcome == Outcome.APPLIED;
    }
}
