package org.tillpay.dintero.emulator;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Control API of the local Dintero emulator, registered as an OSGi service by the emulator bundle.
 *
 * <p>The emulator serves Dintero's HTTP API for test accounts ({@code T} + 8 digits) under {@link #baseUrl()}:
 * {@code <baseUrl>/api} stands for {@code https://api.dintero.com} and {@code <baseUrl>/checkout} for
 * {@code https://checkout.dintero.com}, with the same paths below them. This interface plays the customer's part
 * (paying or declining on the hosted page) and lets tests and shell commands look inside. All methods are
 * thread-safe; returned values are immutable snapshots.
 */
@ProviderType
public interface DinteroEmulator {

    /**
     * The payment methods the hosted page offers, as accepted by {@link #pay(String, String)}.
     */
    List<String> PAYMENT_METHODS = List.of("vipps", "mobilepay", "swish", "klarna", "walley", "billie", "card",
            "applepay", "googlepay");

    /**
     * The customer pays the session on the hosted page. Takes the same path as the page's pay button: creates the
     * transaction ({@code AUTHORIZED}, or {@code CAPTURED} with {@code configuration.auto_capture}), records the
     * session events and schedules the callback when the session has a {@code url.callback_url}.
     *
     * @param sessionId the session id
     * @param paymentMethod one of {@link #PAYMENT_METHODS}
     * @return the created transaction's id and status, and where the browser would be redirected
     * @throws java.util.NoSuchElementException when the session is unknown
     * @throws IllegalArgumentException when the payment method is not one of {@link #PAYMENT_METHODS}
     * @throws IllegalStateException when the session is already paid, cancelled or expired
     */
    EmulatedPayment pay(String sessionId, String paymentMethod);

    /**
     * The customer declines (cancels) on the hosted page. No transaction is created; a callback with
     * {@code error=cancelled} is scheduled when the callback URL has {@code report_error=true}. The link stays usable
     * until it expires, as on Dintero.
     *
     * @param sessionId the session id
     * @return where the browser would be redirected: {@code url.return_url} with {@code error=cancelled}
     * @throws java.util.NoSuchElementException when the session is unknown
     * @throws IllegalStateException when the session is already paid, cancelled or expired
     */
    String decline(String sessionId);

    /**
     * Makes a session expire now, as if its {@code expires_at} had passed; later payment attempts fail.
     *
     * @param sessionId the session id
     * @throws java.util.NoSuchElementException when the session is unknown
     */
    void expire(String sessionId);

    /**
     * The session exactly as {@code GET /v1/sessions/{id}} returns it, as nested maps and lists.
     *
     * @param sessionId the session id
     * @return the session, or empty when unknown
     */
    Optional<Map<String, Object>> session(String sessionId);

    /**
     * The transaction exactly as {@code GET /v1/transactions/{id}} returns it, as nested maps and lists.
     *
     * @param transactionId the transaction id
     * @return the transaction, or empty when unknown
     */
    Optional<Map<String, Object>> transaction(String transactionId);

    /**
     * All sessions, oldest first.
     *
     * @return one summary per session
     */
    List<SessionSummary> sessions();

    /**
     * Every SMS/push message the emulator was asked to publish, oldest first.
     *
     * @return the outbox
     */
    List<OutboxMessage> outbox();

    /**
     * Every callback delivery attempt so far, in the order they were made.
     *
     * @return the attempts
     */
    List<CallbackDelivery> callbackDeliveries();

    /**
     * How many requests reached the token endpoint for an account, whatever their outcome.
     *
     * @param accountId the account id, for example {@code T12345678}
     * @return the count, 0 for an account never asked for
     */
    int tokenRequests(String accountId);

    /**
     * The public base URL of the emulator, for example {@code http://127.0.0.1:8181/dintero-emulator}; append
     * {@code /api} or {@code /checkout} to get the stand-ins for Dintero's two hosts.
     *
     * @return the base URL, without a trailing slash
     */
    String baseUrl();
}
