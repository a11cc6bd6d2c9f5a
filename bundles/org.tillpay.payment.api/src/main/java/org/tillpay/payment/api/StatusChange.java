package org.tillpay.payment.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry in a payment's history: the status it moved to, when, what told us, and the provider's own detail
 * (for example Dintero's transaction status). Immutable.
 */
public final class StatusChange {

    private final PaymentStatus status;
    private final Instant at;
    private final String source;
    private final String detail;

    /**
     * @param status the status the payment moved to
     * @param at when the change was recorded
     * @param source what reported it, for example {@code start}, {@code callback}, {@code poller}, {@code refresh}
     * @param detail provider detail such as {@code AUTHORIZED via vipps}, or null
     */
    public StatusChange(PaymentStatus status, Instant at, String source, String detail) {
        this.status = Objects.requireNonNull(status, "status");
        this.at = Objects.requireNonNull(at, "at");
        this.source = Objects.requireNonNull(source, "source");
        this.detail = detail;
    }

    /** @return the status the payment moved to */
    public PaymentStatus status() {
        return status;
    }

    /** @return when the change was recorded */
    public Instant at() {
        return at;
    }

    /** @return what reported the change */
    public String source() {
        return source;
    }

    /** @return the provider's detail, if any */
    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof StatusChange)) {
            return false;
        }
        StatusChange other = (StatusChange) o;
        return status == other.status && at.equals(other.at) && source.equals(other.source)
                && Objects.equals(detail, other.detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, at, source, detail);
    }

    @Override
    public String toString() {
        return at + " " + status + " (" + source + (detail == null ? "" : ": " + detail) + ")";
    }
}
