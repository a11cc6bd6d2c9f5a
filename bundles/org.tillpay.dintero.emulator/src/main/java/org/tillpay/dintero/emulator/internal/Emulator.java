package org.tillpay.dintero.emulator.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.dintero.emulator.CallbackDelivery;
import org.tillpay.dintero.emulator.DinteroEmulator;
import org.tillpay.dintero.emulator.EmulatedPayment;
import org.tillpay.dintero.emulator.OutboxMessage;
import org.tillpay.dintero.emulator.SessionSummary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The emulator core: accounts, tokens, sessions, transactions, outbox and callbacks, in plain Java (no OSGi).
 * Thread-safe: session and transaction state is guarded by this object's monitor.
 */
public final class Emulator implements DinteroEmulator, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Emulator.class);

    private final EmulatorSettings settings;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final TokenService tokens;
    private final CallbackSender callbacks;
    private final Map<String, SessionRecord> sessions = new LinkedHashMap<>();
    private final Map<String, TransactionRecord> transactions = new LinkedHashMap<>();
    private final List<OutboxMessage> outbox = new ArrayList<>();

    /** @param settings the settings */
    public Emulator(EmulatorSettings settings) {
        this.settings = settings;
        this.tokens = new TokenService(settings.tokenTtl(), settings.clock());
        this.callbacks = new CallbackSender(settings);
    }

    /** @return the settings */
    public EmulatorSettings settings() {
        return settings;
    }

    /**
     * Adds an account.
     *
     * @param account the account
     * @throws IllegalArgumentException when an account with the same id exists
     */
    public void addAccount(Account account) {
        if (accounts.putIfAbsent(account.accountId(), account) != null) {
            throw new IllegalArgumentException("account.id " + account.accountId() + " is configured twice");
        }
        LOG.info("Emulated account {} added (client {}, profiles {}, callbacks {})", account.accountId(),
                account.clientId(), account.profileIds(), account.signsCallbacks() ? "signed" : "unsigned");
    }

    /**
     * Removes an account if it is the given one; its tokens stop working, its sessions stay.
     *
     * @param account the account to remove
     */
    public void removeAccount(Account account) {
        if (accounts.remove(account.accountId(), account)) {
            tokens.revoke(account.accountId());
            LOG.info("Emulated account {} removed", account.accountId());
        }
    }

    // ---- HTTP API ---------------------------------------------------------------------------------------------

    ObjectNode issueToken(String accountId, String authorization, byte[] body) {
        return tokens.issue(accountId, authorization, body, accounts::get);
    }

    Caller authenticate(String authorization) {
        String[] issued = tokens.authenticate(authorization);
        if (!accounts.containsKey(issued[0])) {
            throw ApiException.unauthorized("invalid token");
        }
        return new Caller(issued[0], issued[1]);
    }

    ObjectNode createSession(Caller caller, byte[] rawBody, String featureToggles, boolean includeSession) {
        Account account = accounts.get(caller.accountId());
        if (account == null) {
            throw ApiException.unauthorized("invalid token");
        }
        JsonNode body = Json.parse(rawBody);
        boolean strict = featureToggles != null && List.of(featureToggles.split(",")).stream().map(String::trim)
                .anyMatch(SessionRequestValidator.STRICT_SESSION_AMOUNTS::equals);
        Instant now = settings.clock().instant();
        Instant expiresAt = SessionRequestValidator.validate(body, account, strict, now);
        String id = Ids.resourceId(account.accountId());
        String link = settings.publicBaseUrl() + "/checkout/v1/view/" + id;
        String phone = Json.text(body, "customer", "phone_number");
        boolean push = PaymentMethods.pushInsteadOfSms(body.get("configuration"));
        ArrayNode publish = Json.MAPPER.createArrayNode();
        ObjectNode response = Json.object();
        synchronized (this) {
            JsonNode requested = Json.at(body, "configuration", "publish");
            List<OutboxMessage> messages = new ArrayList<>();
            if (requested != null) {
                for (JsonNode entry : requested) {
                    ObjectNode echoed = ((ObjectNode) entry).deepCopy();
                    String publishId = Ids.uuid();
                    String status = phone != null ? "sent" : "skipped";
                    echoed.put("id", publishId);
                    echoed.put("status", status);
                    publish.add(echoed);
                    messages.add(new OutboxMessage(id, account.accountId(), publishId, push ? "push" : "sms", phone,
                            link, status, now));
                }
            }
            SessionRecord session = new SessionRecord(id, account, (ObjectNode) body, publish, now, expiresAt);
            session.event("INITIATED", now, null);
            if (push && messages.stream().anyMatch(m -> "sent".equals(m.status()))) {
                session.event("PUSH_NOTIFICATION_SENT", now, null);
            }
            sessions.put(id, session);
            outbox.addAll(messages);
            response.put("id", id);
            response.put("url", link);
            response.set("publish", session.publishView());
            if (includeSession) {
                response.set("session", session.view());
            }
            LOG.info("Session {} created for account {} merchant reference {} ({} {}), publish {}", id,
                    account.accountId(), session.merchantReference(), session.amount(), session.currency(),
                    messages.stream().map(m -> m.channel() + ":" + m.status()).toList());
        }
        return response;
    }

    synchronized ObjectNode sessionView(Caller caller, String sessionId) {
        return ownedSession(caller, sessionId).view();
    }

    synchronized ObjectNode transactionView(Caller caller, String transactionId) {
        TransactionRecord tx = transactions.get(transactionId);
        if (tx == null || !tx.account.accountId().equals(caller.accountId())) {
            throw ApiException.notFound("transaction " + transactionId + " not found");
        }
        return tx.view();
    }

    synchronized ObjectNode cancelSession(Caller caller, String sessionId) {
        SessionRecord session = ownedSession(caller, sessionId);
        if (session.cancelledAt != null) {
            return session.view();
        }
        Instant now = settings.clock().instant();
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

    /** The hosted page's view of a session; records VISITED when the page is shown. */
    synchronized PageModel visit(String sessionId, String customerIp, String userAgent) {
        SessionRecord session = session(sessionId, true);
        Instant now = settings.clock().instant();
        String state = session.transactionId != null ? "PAID" : session.cancelledAt != null ? "CANCELLED"
                : session.expired(now) ? "EXPIRED" : "OPEN";
        if ("OPEN".equals(state) || "PAID".equals(state)) {
            session.customerIp = customerIp;
            session.userAgent = userAgent;
            session.event("VISITED", now, null);
        }
        List<PageModel.Line> lines = new ArrayList<>();
        session.order().path("items").forEach(item -> lines.add(new PageModel.Line(
                item.path("description").asText(item.path("line_id").asText("")),
                item.path("quantity").asText(""), item.path("amount").asLong())));
        return new PageModel(sessionId, session.merchantName(), session.amount(), session.currency(),
                session.merchantReference(), List.copyOf(lines), state, session.transactionId);
    }

    // ---- control API --------------------------------------------------------------------------------------------

    @Override
    public synchronized EmulatedPayment pay(String sessionId, String paymentMethod) {
        SessionRecord session = session(sessionId, false);
        PaymentMethods.Product product = PaymentMethods.product(paymentMethod);
        Instant now = settings.clock().instant();
        requirePayable(session, now);
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

    @Override
    public synchronized String decline(String sessionId) {
        SessionRecord session = session(sessionId, false);
        Instant now = settings.clock().instant();
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

    @Override
    public synchronized void expire(String sessionId) {
        SessionRecord session = session(sessionId, false);
        Instant now = settings.clock().instant();
        if (session.expiresAt.isAfter(now)) {
            session.expiresAt = now;
            session.updatedAt = now;
        }
    }

    @Override
    public synchronized Optional<Map<String, Object>> session(String sessionId) {
        SessionRecord session = sessions.get(sessionId);
        return session == null ? Optional.empty() : Optional.of(Json.toFrozenMap(session.view()));
    }

    @Override
    public synchronized Optional<Map<String, Object>> transaction(String transactionId) {
        TransactionRecord tx = transactions.get(transactionId);
        return tx == null ? Optional.empty() : Optional.of(Json.toFrozenMap(tx.view()));
    }

    @Override
    public synchronized List<SessionSummary> sessions() {
        Instant now = settings.clock().instant();
        return sessions.values().stream().map(s -> {
            TransactionRecord tx = s.transactionId == null ? null : transactions.get(s.transactionId);
            return new SessionSummary(s.id, s.account.accountId(), s.merchantReference(), s.amount(), s.currency(),
                    s.status(now, tx == null ? null : tx.status), s.transactionId);
        }).toList();
    }

    @Override
    public synchronized List<OutboxMessage> outbox() {
        return List.copyOf(outbox);
    }

    @Override
    public List<CallbackDelivery> callbackDeliveries() {
        return callbacks.deliveries();
    }

    @Override
    public int tokenRequests(String accountId) {
        return tokens.requests(accountId);
    }

    @Override
    public String baseUrl() {
        return settings.publicBaseUrl();
    }

    /** Stops callback delivery. */
    @Override
    public void close() {
        callbacks.close();
    }

    private SessionRecord session(String sessionId, boolean forPage) {
        SessionRecord session = sessionId == null ? null : sessions.get(sessionId);
        if (session == null) {
            throw new NoSuchElementException("session " + sessionId + " not found" + (forPage ? "" : " in emulator"));
        }
        return session;
    }

    private SessionRecord ownedSession(Caller caller, String sessionId) {
        SessionRecord session = sessions.get(sessionId);
        if (session == null || !session.account.accountId().equals(caller.accountId())) {
            throw ApiException.notFound("session " + sessionId + " not found");
        }
        return session;
    }

    private static void requirePayable(SessionRecord session, Instant now) {
        if (session.transactionId != null) {
            throw new SessionStateException("session " + session.id + " is already paid (transaction "
                    + session.transactionId + ")", false);
        }
        if (session.cancelledAt != null) {
            throw new SessionStateException("session " + session.id + " was cancelled", true);
        }
        if (session.expired(now)) {
            throw new SessionStateException("session " + session.id + " expired at " + Ids.iso(session.expiresAt),
                    true);
        }
    }
}
