package org.tillpay.dintero.emulator.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.dintero.emulator.EmulatedPayment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What happens to a session after it was created: the customer opens, pays or declines it on the hosted page, the
 * merchant cancels it. Not thread-safe: every method must be called with the {@link Emulator}'s lock held, which also
 * guards the session and transaction maps shared with it.
 */
final class Checkout {

    private static final Logger LOG = LoggerFactory.getLogger(Checkout.class);

    private final Clock clock;
    private final CallbackSender callbacks;
    private final Map<String, SessionRecord> sessions;
    private final Map<String, TransactionRecord> transactions;

    Checkout(Clock clock, CallbackSender callbacks, Map<String, SessionRecord> sessions,
            Map<String, TransactionRecord> transactions) {
        this.clock = clock;
        this.callbacks = callbacks;
        this.sessions = sessions;
        this.transactions = transactions;
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

    EmulatedPayment pay(String sessionId, String paymentMethod, Map<String, String> shippingAddress) {
        SessionRecord session = session(sessionId, false);
        PaymentMethods.Product product = PaymentMethods.offeredProduct(paymentMethod, session.configuration());
        Instant now = clock.instant();
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
        tx.event("AUTHORIZE", "AUTHORIZED", tx.amount, now);
        if (session.autoCapture()) {
            tx.event("CAPTURE", "CAPTURED", tx.amount, now);
        }
        transactions.put(tx.id, tx);
        session.transactionId = tx.id;
        ObjectNode details = Json.object();
        details.put("payment_product_type", product.type());
        details.put("amount", tx.amount);
        session.event("AUTHORIZED", now, details);
        CallbackPlanner.plan(session, tx.view(), session.view(), null, null, null, now).ifPresent(callback -> {
            session.event("AUTH_CALLBACK_SENT", now, null);
            callbacks.schedule(callback);
        });
        LOG.info("Session {} of account {} merchant reference {} paid with {}: transaction {} {}", sessionId,
                session.account.accountId(), session.merchantReference(), product.type(), tx.id, tx.status);
        String redirect = QueryString.append(session.returnUrl(), List.of(Map.entry("transaction_id", tx.id),
                Map.entry("merchant_reference", session.merchantReference()), Map.entry("session_id", sessionId)));
        return new EmulatedPayment(sessionId, tx.id, tx.status, product.product(), product.type(), redirect);
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
            voidEvent = tx.event("VOID", "AUTHORIZATION_VOIDED", tx.amount, now);
        }
        session.cancelledAt = now;
        session.cancelledBy = caller.clientId();
        session.event("CANCELLED", now, null);
        LOG.info("Session {} of account {} merchant reference {} cancelled{}", sessionId, caller.accountId(),
                session.merchantReference(), tx == null ? "" : "; transaction " + tx.id + " voided");
        if (voidEvent != null) {
            CallbackPlanner.plan(session, tx.view(), session.view(), null, "VOID", voidEvent.path("id").asText(),
                    now).ifPresent(callbacks::schedule);
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
