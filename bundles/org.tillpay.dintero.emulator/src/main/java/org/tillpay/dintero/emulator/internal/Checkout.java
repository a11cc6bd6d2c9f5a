package org.tillpay.dintero.emulator.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.dintero.emulator.EmulatedPayment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What happens to a session after it was created: the customer opens, pays (possibly partly with a gift card, or held
 * for review by Walley) or declines it on the hosted page, the merchant cancels it. Next to the authorization callback
 * it publishes the {@code checkout_transaction} webhook ({@link TransactionWebhook}) when a payment creates the
 * transaction ({@code AUTHORIZED}, {@code CAPTURED} with auto-capture or Swish, {@code ON_HOLD}) and when Walley's
 * review ends ({@code AUTHORIZED}, {@code CAPTURED}, {@code FAILED}), and next to the {@code VOID} callback when a
 * cancel voids the transaction ({@code AUTHORIZATION_VOIDED}); a decline records no transaction and publishes none.
 * Not thread-safe: every method must be called with the {@link Emulator}'s lock held, which also guards the session
 * and transaction maps shared with it.
 */
final class Checkout {

    /**
     * How the customer pays beyond the method: held for review by Walley, and/or partly with a gift card.
     *
     * @param onHold whether Walley holds the payment ({@code ON_HOLD})
     * @param cardNumber the gift card's number, or null
     * @param pin the gift card's PIN, or null
     */
    record Tender(boolean onHold, String cardNumber, String pin) {
        static final Tender PLAIN = new Tender(false, null, null);
    }

    /** What a transaction paid by gift card alone is. */
    static final PaymentMethods.Product WALLETS = new PaymentMethods.Product("dintero", GiftCards.TYPE, "Gift card");
    /** The methods that may pay what a gift card does not cover (API.md &sect;9, restricted to the page's methods). */
    static final Set<String> GIFT_CARD_REST_TYPES = Set.of("dintero_psp.creditcard", "klarna.klarna");
    /** Types captured at once, without a separate authorization (WooCommerce notes this for Swish, API.md 7.1). */
    static final Set<String> CAPTURED_AT_ONCE = Set.of("swish.swish");

    private static final Logger LOG = LoggerFactory.getLogger(Checkout.class);

    private final Clock clock;
    private final CallbackSender callbacks;
    private final Hooks hooks;
    private final Map<String, SessionRecord> sessions;
    private final Map<String, TransactionRecord> transactions;
    private final TransactionOperations operations;
    private final GiftCards giftCards;

    Checkout(Clock clock, CallbackSender callbacks, Hooks hooks, Map<String, SessionRecord> sessions,
            Map<String, TransactionRecord> transactions, TransactionOperations operations, GiftCards giftCards) {
        this.clock = clock;
        this.callbacks = callbacks;
        this.hooks = hooks;
        this.sessions = sessions;
        this.transactions = transactions;
        this.operations = operations;
        this.giftCards = giftCards;
    }

    /** The hosted page's view of a session; records VISITED when the page shows it (open or paid). */
    PageModel visit(String sessionId, String customerIp, String userAgent, boolean fromBrowser) {
        SessionRecord session = session(sessionId, true);
        Instant now = clock.instant();
        String state = session.cancelledAt != null ? "CANCELLED" : session.transactionId != null ? "PAID"
                : session.expired(now) ? "EXPIRED" : "OPEN";
        if ("OPEN".equals(state) || "PAID".equals(state)) {
            if (fromBrowser) {
                session.customerIp = customerIp;
                session.userAgent = userAgent;
            }
            session.event("VISITED", now, null);
        }
        List<PageModel.Line> lines = new ArrayList<>();
        session.order().path("items").forEach(item -> lines.add(line(item)));
        Map<String, String> address = null;
        PageModel.Line shipping = null;
        long total = session.amount();
        if (ExpressCheckout.isExpress(session)) {
            address = addressDefaults(session);
            ObjectNode option = null;
            try {
                option = ExpressCheckout.shippingOption(session);
            } catch (IllegalArgumentException e) {
                // no options: the page still renders; paying says the shop cannot ship
            }
            if (option != null) {
                shipping = new PageModel.Line(option.path("title").asText("Shipping"), "1",
                        option.path("amount").asLong());
                if (!option.equals(session.order().get("shipping_option"))) {
                    total += option.path("amount").asLong();
                }
            }
        }
        return new PageModel(sessionId, session.merchantName(), total, session.currency(),
                session.merchantReference(), List.copyOf(lines), state, session.transactionId,
                PaymentMethods.offered(session.configuration()), address, shipping);
    }

    EmulatedPayment pay(String sessionId, String paymentMethod, Map<String, String> shippingAddress,
            Tender tender) {
        SessionRecord session = session(sessionId, false);
        Instant now = clock.instant();
        GiftCards.Draw giftCheck = tender.cardNumber() == null ? null : checkGiftCard(session, tender);
        PaymentMethods.Product product = giftCheck == null ? PaymentMethods.offeredProduct(paymentMethod,
                session.configuration()) : giftCardProduct(session, giftCheck, paymentMethod);
        if (tender.onHold() && !product.type().startsWith("collector.")) {
            throw new IllegalArgumentException("only Walley (collector) holds payments for review; " + paymentMethod
                    + " is " + product.type());
        }
        requirePayable(session, now);
        if (ExpressCheckout.isExpress(session)) {
            ObjectNode address = ExpressCheckout.shippingAddress(shippingAddress == null
                    ? ExpressCheckout.TEST_ADDRESS : shippingAddress);
            ObjectNode option = ExpressCheckout.shippingOption(session);
            session.shipTo(address, option);
            ObjectNode details = Json.object();
            details.set("shipping_address", address);
            session.event("SET_SHIPPING_ADDRESS", now, details);
            if (option != null) {
                ObjectNode optionDetails = Json.object();
                optionDetails.set("shipping_option", option);
                session.event("SET_SHIPPING_OPTION", now, optionDetails);
            }
        } else if (shippingAddress != null && shippingAddress.values().stream()
                .anyMatch(v -> v != null && !v.isBlank())) {
            throw new IllegalArgumentException("session " + sessionId
                    + " is not an Express Checkout session; it takes no shipping address");
        }
        TransactionRecord tx = new TransactionRecord(Ids.resourceId(session.account.accountId()), session, product,
                now);
        GiftCards.Draw draw = giftCheck == null ? null : giftCards.draw(session.account.accountId(),
                GiftCards.preloadedCardId(session), tender.cardNumber(), tender.pin(), tx.amount, session.currency(),
                true);
        if (draw != null) {
            tx.giftCard(draw);
            session.event("SET_GIFT_CARD", now, details(GiftCards.TYPE, draw.amount()));
        }
        ObjectNode authorize;
        if (tender.onHold()) {
            authorize = tx.event("AUTHORIZE", "ON_HOLD", tx.amount, now);
        } else if (CAPTURED_AT_ONCE.contains(product.type())) {
            authorize = operations.captureAll(tx);
        } else {
            authorize = tx.event("AUTHORIZE", "AUTHORIZED", tx.amount, now);
        }
        if (draw != null) {
            authorize.putArray("gift_cards").add(draw.view(draw.amount(), draw.walletsTransactionId()));
        }
        if (session.autoCapture() && "AUTHORIZED".equals(tx.status)) {
            operations.captureAll(tx);
        }
        transactions.put(tx.id, tx);
        session.transactionId = tx.id;
        if (!tender.onHold()) {
            session.event("AUTHORIZED", now, details(product.type(), tx.amount));
        }
        authorizationCallback(session, tx, tender.onHold() ? "ON_HOLD_CALLBACK_SENT" : "AUTH_CALLBACK_SENT", now);
        LOG.info("Session {} of account {} merchant reference {} paid with {}{}: transaction {} {}", sessionId,
                session.account.accountId(), session.merchantReference(), product.type(),
                draw == null ? "" : " and gift card " + draw.cardId() + " (" + draw.amount() + ")", tx.id, tx.status);
        String redirect = QueryString.append(session.returnUrl(), List.of(Map.entry("transaction_id", tx.id),
                Map.entry("merchant_reference", session.merchantReference()), Map.entry("session_id", sessionId)));
        return new EmulatedPayment(sessionId, tx.id, tx.status, product.product(), product.type(), redirect);
    }

    /** Walley ends its review; see {@code DinteroEmulator#resolveHold}. */
    void resolveHold(String transactionId, boolean approved) {
        TransactionRecord tx = transactionId == null ? null : transactions.get(transactionId);
        if (tx == null) {
            throw new NoSuchElementException("transaction " + transactionId + " not found in emulator");
        }
        if (!"ON_HOLD".equals(tx.status)) {
            throw new IllegalStateException("transaction " + transactionId + " is " + tx.status + ", not ON_HOLD");
        }
        SessionRecord session = sessions.get(tx.sessionId);
        Instant now = clock.instant();
        if (approved) {
            tx.event("AUTHORIZE", "AUTHORIZED", tx.amount, now);
            if (session.autoCapture()) {
                operations.captureAll(tx);
            }
            session.event("AUTHORIZED", now, details(tx.paymentProductType(), tx.amount));
        } else {
            TransactionRecord.failed(tx.event("AUTHORIZE", "FAILED", tx.amount, now), "REJECTED",
                    "Walley rejected the payment after review");
            session.event("FAILED", now, details(tx.paymentProductType(), tx.amount));
        }
        authorizationCallback(session, tx, "AUTH_CALLBACK_SENT", now);
        LOG.info("Hold on transaction {} (account {}, session {}) resolved: {}", tx.id, tx.account.accountId(),
                tx.sessionId, tx.status);
    }

    /** The authorization callback, when the callback URL asks for it, and the {@code checkout_transaction} webhook. */
    private void authorizationCallback(SessionRecord session, TransactionRecord tx, String sessionEvent,
            Instant now) {
        CallbackPlanner.plan(session, tx.view(), session.view(), null, null, null, now).ifPresent(callback -> {
            session.event(sessionEvent, now, null);
            callbacks.schedule(callback);
        });
        TransactionWebhook.publish(hooks, tx);
    }

    /** Checks the gift card and its PIN before anything changes; draws nothing. */
    private GiftCards.Draw checkGiftCard(SessionRecord session, Tender tender) {
        if (!GiftCards.walletsEnabled(session.configuration())) {
            throw new IllegalArgumentException("session " + session.id + " does not take gift cards "
                    + "(configuration.dintero.wallets is not enabled)");
        }
        return giftCards.draw(session.account.accountId(), GiftCards.preloadedCardId(session), tender.cardNumber(),
                tender.pin(), total(session), session.currency(), false);
    }

    /** The transaction's product when a gift card pays: the rest method's, or {@code dintero.wallets} alone. */
    private static PaymentMethods.Product giftCardProduct(SessionRecord session, GiftCards.Draw check,
            String restMethod) {
        long total = total(session);
        if (check.amount() >= total) {
            return WALLETS;
        }
        if (restMethod == null) {
            throw new IllegalArgumentException("the gift card covers " + check.amount() + " of " + total
                    + "; a payment method for the rest (card or klarna) is required");
        }
        PaymentMethods.Product product = PaymentMethods.offeredProduct(restMethod, session.configuration());
        if (!GIFT_CARD_REST_TYPES.contains(product.type())) {
            throw new IllegalArgumentException(restMethod + " (" + product.type() + ") cannot pay the rest of a "
                    + "gift card payment; use card or klarna");
        }
        return product;
    }

    /** The amount the customer will pay: with an Express session's shipping option. */
    private static long total(SessionRecord session) {
        return ExpressCheckout.isExpress(session) ? session.amountWith(ExpressCheckout.shippingOption(session))
                : session.amount();
    }

    private static ObjectNode details(String paymentProductType, long amount) {
        ObjectNode details = Json.object();
        details.put("payment_product_type", paymentProductType);
        details.put("amount", amount);
        return details;
    }

    String decline(String sessionId) {
        SessionRecord session = session(sessionId, false);
        Instant now = clock.instant();
        requirePayable(session, now);
        session.declined = true;
        ObjectNode details = Json.object();
        details.put("error", "cancelled");
        session.event("DECLINED", now, details);
        CallbackPlanner.plan(session, null, session.view(), "cancelled", null, null, now)
                .ifPresent(callbacks::schedule);
        LOG.info("Session {} of account {} merchant reference {} declined by the customer", sessionId,
                session.account.accountId(), session.merchantReference());
        return QueryString.append(session.returnUrl(), List.of(Map.entry("error", "cancelled"),
                Map.entry("merchant_reference", session.merchantReference()), Map.entry("session_id", sessionId)));
    }

    /**
     * {@code POST /v1/sessions/{id}/cancel}: voids an INITIATED or AUTHORIZED transaction (callback with
     * {@code event=VOID} when the callback URL has {@code report_event=VOID}). Without a transaction no callback is
     * sent, even with {@code report_error=true}: that option reports the customer's cancellation and failed payments
     * (API.md &sect;6), and a merchant's own cancel is not one.
     */
    ObjectNode cancel(Caller caller, String sessionId) {
        SessionRecord session = ownedSession(caller, sessionId);
        if (session.cancelledAt != null) {
            return session.view();
        }
        Instant now = clock.instant();
        TransactionRecord tx = session.transactionId == null ? null : transactions.get(session.transactionId);
        ObjectNode voidEvent = null;
        if (tx != null) {
            if (!"AUTHORIZED".equals(tx.status) && !"INITIATED".equals(tx.status)) {
                throw ApiException.badRequest("session " + sessionId + " cannot be cancelled: its transaction "
                        + tx.id + " is " + tx.status);
            }
            voidEvent = operations.voidRest(tx, caller.clientId());
        }
        session.cancelledAt = now;
        session.cancelledBy = caller.clientId();
        session.event("CANCELLED", now, null);
        LOG.info("Session {} of account {} merchant reference {} cancelled{}", sessionId, caller.accountId(),
                session.merchantReference(), tx == null ? "" : "; transaction " + tx.id + " voided");
        if (voidEvent != null) {
            CallbackPlanner.plan(session, tx.view(), session.view(), null, "VOID", voidEvent.path("id").asText(),
                    now).ifPresent(callbacks::schedule);
            TransactionWebhook.publish(hooks, tx);
        }
        return session.view();
    }

    SessionRecord session(String sessionId, boolean forPage) {
        SessionRecord session = sessionId == null ? null : sessions.get(sessionId);
        if (session == null) {
            throw new NoSuchElementException("session " + sessionId + " not found" + (forPage ? "" : " in emulator"));
        }
        return session;
    }

    SessionRecord ownedSession(Caller caller, String sessionId) {
        SessionRecord session = sessions.get(sessionId);
        if (session == null || !session.account.accountId().equals(caller.accountId())) {
            throw ApiException.notFound("session " + sessionId + " not found");
        }
        return session;
    }

    private static void requirePayable(SessionRecord session, Instant now) {
        if (session.cancelledAt != null) {
            throw new SessionStateException("session " + session.id + " was cancelled", true);
        }
        if (session.transactionId != null) {
            throw new SessionStateException("session " + session.id + " is already paid (transaction "
                    + session.transactionId + ")", false);
        }
        if (session.expired(now)) {
            throw new SessionStateException("session " + session.id + " expired at " + Ids.iso(session.expiresAt),
                    true);
        }
    }

    private static PageModel.Line line(JsonNode item) {
        return new PageModel.Line(item.path("description").asText(item.path("line_id").asText("")),
                item.path("quantity").asText(""), item.path("amount").asLong());
    }

    /** The form's initial values: an address already on the order, else the customer's contact details. */
    private static Map<String, String> addressDefaults(SessionRecord session) {
        Map<String, String> values = new LinkedHashMap<>();
        JsonNode existing = session.order().path("shipping_address");
        JsonNode customer = session.customer();
        for (String key : ExpressCheckout.FIELDS.keySet()) {
            String value = existing.path(key).asText("");
            if (value.isEmpty() && customer != null && ("email".equals(key) || "phone_number".equals(key))) {
                value = customer.path(key).asText("");
            }
            values.put(key, value.isEmpty() && "country".equals(key) ? ExpressCheckout.DEFAULT_COUNTRY : value);
        }
        return values;
    }
}
