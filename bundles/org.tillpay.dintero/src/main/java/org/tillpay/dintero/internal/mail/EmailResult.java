package org.tillpay.dintero.internal.mail;

import java.util.Objects;
import java.util.Optional;

/**
 * What became of an e-mail (a payment link, a settlement report): sent (with the Message-ID it went out with) or
 * failed with a kind and a reason that is safe to log and show: it never contains the SMTP password. A failed
 * payment-link e-mail is never retried, because an e-mail send is not idempotent; a settlement report is sent again
 * at the next fetch until one send succeeds.
 */
public final class EmailResult {

    /** Why an e-mail was not sent. */
    public enum Failure {
        /** The store has no SMTP server configured ({@code smtp.host} is empty): e-mail delivery is not available. */
        NOT_CONFIGURED,
        /** The message could not be built or addressed (for example an address the server or Jakarta Mail refuses). */
        INVALID_MESSAGE,
        /** The SMTP server refused the login: check {@code smtp.username} / {@code smtp.password}. */
        AUTHENTICATION,
        /** The SMTP server could not be reached or did not answer in time. */
        UNREACHABLE,
        /** The SMTP server answered but refused the message or the connection's security (e.g. no STARTTLS). */
        REFUSED,
        /** Anything else. */
        UNKNOWN
    }

    private final String messageId;
    private final Failure failure;
    private final String reason;

    private EmailResult(String messageId, Failure failure, String reason) {
        this.messageId = messageId;
        this.failure = failure;
        this.reason = reason;
    }

    /**
     * @param messageId the Message-ID header the e-mail went out with
     * @return a sent result
     */
    public static EmailResult sent(String messageId) {
        return new EmailResult(messageId == null ? "" : messageId, null, null);
    }

    /**
     * @param failure why
     * @param reason a human-readable reason, already free of secrets
     * @return a failed result
     */
    public static EmailResult failed(Failure failure, String reason) {
        return new EmailResult(null, Objects.requireNonNull(failure, "failure"), Objects.requireNonNull(reason, "reason"));
    }

    /** @return true when the SMTP server accepted the e-mail */
    public boolean isSent() {
        return failure == null;
    }

    /** @return the Message-ID of a sent e-mail */
    public Optional<String> messageId() {
        return Optional.ofNullable(messageId);
    }

    /** @return why a failed e-mail was not sent */
    public Optional<Failure> failure() {
        return Optional.ofNullable(failure);
    }

    /** @return the reason of a failure, safe to log (never contains a password) */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EmailResult other && Objects.equals(messageId, other.messageId)
                && failure == other.failure && Objects.equals(reason, other.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(messageId, failure, reason);
    }

    @Override
    public String toString() {
        return isSent() ? "EmailResult[sent " + messageId + "]" : "EmailResult[" + failure + ": " + reason + "]";
    }
}
