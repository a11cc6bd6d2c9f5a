package org.tillpay.dintero.emulator;

import java.time.Duration;
import java.time.Instant;
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
 * (opening the link, paying or declining on the hosted page), lets tests and shell commands look inside, and gives
 * tests control over time ({@link #advanceClock(Duration)}), callback faults ({@link #setCallbackMode(CallbackMode)}) and
 * how transaction operations are answered ({@link #setOperationMode(OperationMode)}, {@link #failNextOperation},
 * {@link #loseNextOperationResponse}), and lost answers to session creation
 * ({@link #loseNextSessionResponse}), and, through {@link DinteroFaultEmulator} (1.7), injected faults on the HTTP
 * path and on callbacks (latency, 5xx, 429, timeouts, connection resets, token outages, late or failing operations).
 * All methods are thread-safe; returned values are immutable snapshots.
 */
@ProviderType
public interface DinteroEmulator extends DinteroFaultEmulator {

    /**
     * Every payment method the hosted page knows, as accepted by {@link #pay(String, String)}. A session whose
     * {@code configuration} enables at least one of them (vipps&rarr;{@code vipps}, mobilepay&rarr;{@code
     * payex.mobilepay}, swish&rarr;{@code swish.swish}, klarna&rarr;{@code klarna.klarna}, billie&rarr;{@code
     * klarna.billie}, walley&rarr;{@code collector.invoice}, card&rarr;{@code dintero_psp.creditcard},
     * applepay&rarr;{@code dintero_psp.applepay}, googlepay&rarr;{@code dintero_psp.googlepay}) is offered only the
     * enabled ones; otherwise all of them.
     */
    List<String> PAYMENT_METHODS = List.of("vipps", "mobilepay", "swish", "klarna", "walley", "billie", "card",
            "applepay", "googlepay");

    /**
     * The customer pays the session on the hosted page. Takes the same path as the page's pay button: creates the
     * transaction ({@code AUTHORIZED}, or {@code CAPTURED} with {@code configuration.auto_capture}), records the
     * session events and schedules the callback when the session has a {@code url.callback_url}. An Express session
     * (one with {@code express}) is paid with a fixed test address (Kari Nordmann, Storgata 1, 0155 Oslo, NO); use
     * {@link #pay(String, String, Map)} to give one.
     *
     * @param sessionId the session id
     * @param paymentMethod one of {@link #PAYMENT_METHODS}, and one the session offers
     * @return the created transaction's id and status, and where the browser would be redirected
     * @throws java.util.NoSuchElementException when the session is unknown
     * @throws IllegalArgumentException when the payment method is unknown or not enabled in the session
     * @throws IllegalStateException when the session is already paid, cancelled or expired
     */
    EmulatedPayment pay(String sessionId, String paymentMethod);

    /**
     * The customer pays an Express session, giving the delivery address on the hosted page. The address becomes the
     * session's {@code order.shipping_address} and the transaction's {@code shipping_address} (event
     * {@code SET_SHIPPING_ADDRESS}); unless {@code express.shipping_mode} is {@code shipping_not_required}, the first of
     * {@code express.shipping_options} is chosen (event {@code SET_SHIPPING_OPTION}): it becomes
     * {@code order.shipping_option}, its amount is added to {@code order.amount}, and the transaction carries it as an
     * item of type {@code shipping} with its {@code line_id} and amount (API.md &sect;4.1).
     *
     * @param sessionId the session id
     * @param paymentMethod one of {@link #PAYMENT_METHODS}, and one the session offers
     * @param shippingAddress keys {@code first_name}, {@code last_name}, {@code address_line}, {@code postal_code},
     *        {@code postal_place}, {@code country} (ISO 3166 alpha-2, {@code NO} when absent or blank), {@code email}
     *        and {@code phone_number}; all but {@code country} are required. {@code null} for the fixed test address,
     *        as {@link #pay(String, String)}
     * @return the created transaction's id and status, and where the browser would be redirected
     * @throws java.util.NoSuchElementException when the session is unknown
     * @throws IllegalArgumentException when the payment method is unknown or not enabled, when the address misses a
     *         field, has an unknown key or a malformed value, when it is given for a session without {@code express},
     *         or when the session must ship but has no shipping options (Dintero's "cannot ship")
     * @throws IllegalStateException when the session is already paid, cancelled or expired
     * @since 1.1
     */
    EmulatedPayment pay(String sessionId, String paymentMethod, Map<String, String> shippingAddress);

    /**
     * The customer opens the payment link, exactly as a {@code GET} of the hosted page does without a browser: records
     * the session event {@code VISITED} when the page would show the session (open or paid); an expired or cancelled
     * session records nothing (the page answers 410 there). Unlike the page, it does not set {@code customer_ip} or
     * {@code user_agent}.
     *
     * @param sessionId the session id
     * @throws java.util.NoSuchElementException when the session is unknown
     * @since 1.1
     */
    void open(String sessionId);

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
     * Moves the emulator's own clock forward. Everything the emulator decides by time follows it: session expiry
     * ({@code expires_at}; the hosted page then answers 410 and paying fails), access-token expiry ({@code
     * expires_in}), and the timestamps it records ({@code created_at}, events, callback {@code time}). Only the
     * {@code t} of {@code Dintero-Signature} stays on the underlying clock, so that a merchant checking the
     * signature's age against its own clock keeps accepting callbacks. Works the same in Karaf and in the test harness
     * (where it adds to the harness's clock). Advances add up and cannot be undone.
     *
     * @param duration how far, zero or positive
     * @throws IllegalArgumentException when negative
     * @since 1.1
     */
    void advanceClock(Duration duration);

    /**
     * The emulator's current time: its underlying clock plus every {@link #advanceClock(Duration)} so far.
     *
     * @return now, as the emulator sees it
     * @since 1.1
     */
    Instant now();

    /**
     * Sets how callbacks scheduled from now on are treated (lost, duplicated or held for reordering).
     *
     * @param mode the mode; {@link CallbackMode#NORMAL} restores normal delivery
     * @since 1.1
     */
    void setCallbackMode(CallbackMode mode);

    /**
     * The current callback mode.
     *
     * @return the mode, {@link CallbackMode#NORMAL} unless set
     * @since 1.1
     */
    CallbackMode callbackMode();

    /**
     * Sends every callback held under {@link CallbackMode#DELAY} so far, one after the other in reverse order (the
     * newest first), asynchronously; each is then retried as usual. Whatever the mode is now.
     *
     * @return how many callbacks were released, 0 when none was held
     * @since 1.1
     */
    int releaseCallbacks();

    /**
     * Sets how transaction operations ({@code capture}, {@code refund}, {@code void} over HTTP) received from now on
     * are answered: at once (200) or accepted for later (202). Back-office operations are always synchronous.
     *
     * @param mode the mode; {@link OperationMode#SYNC} restores the default
     * @since 1.2
     */
    void setOperationMode(OperationMode mode);

    /**
     * The current operation mode.
     *
     * @return the mode, {@link OperationMode#SYNC} unless set
     * @since 1.2
     */
    OperationMode operationMode();

    /**
     * Finishes every operation accepted under {@link OperationMode#ASYNC} so far, oldest first: appends the final
     * {@code CAPTURE}, {@code REFUND} or {@code VOID} event with {@code correlation_request_id} set to the accepted
     * event's {@code request_id}, moves the money and the status (or records {@code success:false} when
     * {@link #failNextOperation(String, String)} was set for it, or when the operation no longer fits the transaction)
     * and sends the {@code report_event} callback the session's callback URL asks for.
     *
     * @return how many operations were completed, 0 when none was pending
     * @since 1.2
     */
    int completePendingOperations();

    /**
     * Makes the next capture, refund or void received over HTTP for a transaction fail at the payment provider: it is
     * answered 200 (or accepted with 202 and completed later) with a final event whose {@code success} is false and
     * whose {@code error} carries the message; the status stays and no money moves. A request rejected with 400 does
     * not use it up. Back-office operations ignore it.
     *
     * @param transactionId the transaction id
     * @param message the error message the event carries
     * @throws java.util.NoSuchElementException when the transaction is unknown
     * @since 1.2
     */
    void failNextOperation(String transactionId, String message);

    /**
     * Makes the HTTP answer to the next capture, refund or void on a transaction get lost, as when a proxy times out:
     * the operation is applied as usual (event recorded, money moved, callback sent) but the client receives a 504 with
     * an empty body, and has to read the transaction back to learn what happened. A request rejected with 400 does not
     * use it up.
     *
     * @param transactionId the transaction id
     * @throws java.util.NoSuchElementException when the transaction is unknown
     * @since 1.2
     */
    void loseNextOperationResponse(String transactionId);

    /**
     * Makes the HTTP answer to the next session creation ({@code POST /v1/sessions-profile}, on any account) get lost,
     * as when a proxy times out (FLOWS.md (a), "Timeout or 5xx on create-session"): the session is created as usual
     * (stored, its SMS or push message published, its callback URL kept, payable on the hosted page) but the client
     * receives a 504 with an empty body, and has to find the session or its transaction in another way (for example
     * {@code GET /v1/transactions?merchant_reference=...} once paid). A request rejected with 400 does not use it up;
     * calling this again before the next creation still loses one answer only.
     *
     * @since 1.6
     */
    void loseNextSessionResponse();

    /**
     * The customer pays with Walley and Walley holds the payment for manual review (API.md &sect;7.1): the
     * transaction is created with status {@code ON_HOLD} (an {@code AUTHORIZE} event whose {@code transaction_status}
     * is {@code ON_HOLD}) and the usual authorization callback is sent, so that the merchant learns of the hold.
     * {@link #resolveHold(String, boolean)} ends the review.
     *
     * @param sessionId the session id
     * @param paymentMethod {@code walley}, and one the session offers
     * @return the created transaction, status {@code ON_HOLD}
     * @throws java.util.NoSuchElementException when the session is unknown
     * @throws IllegalArgumentException when the method is not {@code walley} or the session does not offer it
     * @throws IllegalStateException when the session is already paid, cancelled or expired
     * @since 1.2
     */
    EmulatedPayment payOnHold(String sessionId, String paymentMethod);

    /**
     * Walley ends its review of a transaction on hold: {@code AUTHORIZED} when approved (then {@code CAPTURED} when
     * the session asked for {@code configuration.auto_capture}), else {@code FAILED}; records an {@code AUTHORIZE}
     * event and sends a second authorization callback (the same kind as the first, with {@code transaction_id}).
     *
     * @param transactionId the transaction id
     * @param approved whether Walley approves the payment
     * @throws java.util.NoSuchElementException when the transaction is unknown
     * @throws IllegalStateException when the transaction is not {@code ON_HOLD}
     * @since 1.2
     */
    void resolveHold(String transactionId, boolean approved);

    /**
     * Captures from Dintero's back office: the same rules as {@code POST /v1/transactions/{id}/capture} without items,
     * always synchronous; the event's {@code created_by} is {@code backoffice} and it has no {@code event_reference};
     * the {@code report_event=CAPTURE} callback is sent as for an API capture.
     *
     * @param transactionId the transaction id
     * @param amount the amount to capture, minor units
     * @return the new {@code CAPTURE} event's id
     * @throws java.util.NoSuchElementException when the transaction is unknown
     * @throws IllegalArgumentException when the rules forbid it (the message says why, as the API's 400 does)
     * @since 1.2
     */
    String backofficeCapture(String transactionId, long amount);

    /**
     * Refunds from Dintero's back office; see {@link #backofficeCapture(String, long)}.
     *
     * @param transactionId the transaction id
     * @param amount the amount to refund, minor units
     * @return the new {@code REFUND} event's id
     * @throws java.util.NoSuchElementException when the transaction is unknown
     * @throws IllegalArgumentException when the rules forbid it
     * @since 1.2
     */
    String backofficeRefund(String transactionId, long amount);

    /**
     * Voids (the uncaptured remainder) from Dintero's back office; see {@link #backofficeCapture(String, long)}.
     *
     * @param transactionId the transaction id
     * @return the new {@code VOID} event's id
     * @throws java.util.NoSuchElementException when the transaction is unknown
     * @throws IllegalArgumentException when the rules forbid it
     * @since 1.2
     */
    String backofficeVoid(String transactionId);

    /**
     * Issues a Dintero Wallets gift card to an account (API.md &sect;9).
     *
     * @param accountId the account, for example {@code T12345678}
     * @param cardId the card's id, as preloaded in {@code customer.gift_cards["dintero.wallets"][].card_id}
     * @param cardNumber the number the customer types (or the cashier scans)
     * @param pin the PIN the customer confirms with
     * @param balance the balance, minor units, zero or more
     * @param currency ISO 4217, for example {@code NOK}
     * @throws IllegalArgumentException when a value is missing or malformed, or the account already has a card with
     *         this id or number
     * @since 1.2
     */
    void addGiftCard(String accountId, String cardId, String cardNumber, String pin, long balance, String currency);

    /**
     * A gift card's balance.
     *
     * @param accountId the account
     * @param cardId the card's id
     * @return the balance, minor units
     * @throws java.util.NoSuchElementException when the account has no such card
     * @since 1.2
     */
    long giftCardBalance(String accountId, String cardId);

    /**
     * The customer pays a session whose configuration enables {@code dintero.wallets} with a gift card, confirming it
     * with its PIN (the card the merchant preloaded, when it did), and the rest with another method. The card is
     * drawn at once with {@code min(balance, total)}; the transaction carries {@code gift_cards[]} and the session the
     * event {@code SET_GIFT_CARD}. When the card covers everything and no rest method is given, the transaction's type
     * is {@code dintero.wallets}.
     *
     * @param sessionId the session id
     * @param cardNumber the gift card's number
     * @param pin its PIN
     * @param restPaymentMethod {@code card} or {@code klarna} (one the session offers) for the rest, or null when the
     *        card covers the whole amount
     * @return the created transaction
     * @throws java.util.NoSuchElementException when the session is unknown
     * @throws IllegalArgumentException on a wrong PIN or unknown card, a card other than the preloaded one, a session
     *         without gift cards, a currency mismatch, or a missing or unsupported rest method
     * @throws IllegalStateException when the session is already paid, cancelled or expired
     * @since 1.2
     */
    EmulatedPayment payWithGiftCard(String sessionId, String cardNumber, String pin, String restPaymentMethod);

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
     * Every callback delivery attempt so far, in the order they were made, including the records of callbacks dropped
     * or held under a {@link CallbackMode} ({@link CallbackDelivery#outcome()}).
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
