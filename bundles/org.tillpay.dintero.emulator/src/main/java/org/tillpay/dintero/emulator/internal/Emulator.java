package org.tillpay.dintero.emulator.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.dintero.emulator.CallbackDelivery;
import org.tillpay.dintero.emulator.CallbackMode;
import org.tillpay.dintero.emulator.DinteroEmulator;
import org.tillpay.dintero.emulator.EmulatedPayment;
import org.tillpay.dintero.emulator.Fault;
import org.tillpay.dintero.emulator.OperationMode;
import org.tillpay.dintero.emulator.OutboxMessage;
import org.tillpay.dintero.emulator.SessionSummary;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The emulator core: accounts, tokens, sessions, transactions, outbox and callbacks, in plain Java (no OSGi). How a
 * session is created is in {@link SessionCreation}, what happens to it once created in {@link Checkout}. Time comes
 * from an {@link OffsetClock} over the settings' clock, so that {@link #advanceClock(Duration)} works wherever the
 * core runs. Settlements and webhooks
 * ({@link org.tillpay.dintero.emulator.DinteroSettlementsEmulator}) are in {@link Settlements} and {@link Hooks},
 * reached through {@link PayoutControl}; Insight reports ({@link org.tillpay.dintero.emulator.DinteroInsightEmulator})
 * in {@link InsightReports}, through {@link InsightControl}; injected faults in {@link FaultInjector}, through
 * {@link FaultControl}. Thread-safe: session, transaction, settlement and report
 * state is guarded by this object's monitor. When {@code checkout_transaction} is sent: {@link TransactionWebhook}.
 */
public final class Emulator extends FaultControl implements DinteroEmulator, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Emulator.class);

    private final EmulatorSettings settings;
    private final OffsetClock clock;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final TokenService tokens;
    private final CallbackSender callbacks;
    private final Map<String, SessionRecord> sessions = new LinkedHashMap<>();
    private final Map<String, TransactionRecord> transactions = new LinkedHashMap<>();
    private final List<OutboxMessage> outbox = new ArrayList<>();
    private final Checkout checkout;
    private final GiftCards giftCards = new GiftCards();
    private final TransactionOperations operations;
    private final Hooks hooks;
    private final Settlements settlements;
    private final InsightReports insight;
    private final SessionCreation sessionCreation;

    /** @param settings the settings */
    public Emulator(EmulatorSettings settings) {
        this(settings, new OffsetClock(settings.clock()));
    }

    private Emulator(EmulatorSettings settings, OffsetClock clock) {
        super(clock);
        this.settings = settings;
        this.clock = clock;
        this.tokens = new TokenService(settings.tokenTtl(), clock);
        this.callbacks = new CallbackSender(settings, clock, faultInjector());
        this.hooks = new Hooks(clock, callbacks);
        this.operations = new TransactionOperations(clock, callbacks, hooks, sessions, transactions, giftCards);
        this.checkout = new Checkout(clock, callbacks, hooks, sessions, transactions, operations, giftCards);
        this.settlements = new Settlements(this, clock, accounts, transactions, hooks);
        this.insight = new InsightReports(this, clock, accounts, transactions, new InsightConfigurations(this, clock),
                settings.publicBaseUrl());
        this.sessionCreation = new SessionCreation(this, settings.publicBaseUrl(), clock, profiles(), giftCards,
                sessions, outbox);
    }

    @Override
    TokenService tokenService() {
        return tokens;
    }

    /** @return the emulator's clock (its underlying clock plus every advance) */
    java.time.Clock clock() {
        return clock;
    }

    @Override
    Map<String, Account> accounts() {
        return accounts;
    }

    @Override
    Settlements settlementBook() {
        return settlements;
    }

    @Override
    Hooks hooks() {
        return hooks;
    }

    @Override
    InsightReports insight() {
        return insight;
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
        profiles().seed(account);
        LOG.info("Emulated account {} added (client {}, profiles {}, scopes {}, callbacks {})", account.accountId(),
                account.clientId(), account.profileIds(), account.scopes().isEmpty() ? "all" : account.scopes(),
                account.signsCallbacks() ? "signed" : "unsigned");
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
        return tokens.issue(accountId, authorization, body, accounts::get, apiClients());
    }

    Caller authenticate(String authorization) {
        TokenService.Issued issued = tokens.authenticate(authorization);
        Account account = accounts.get(issued.accountId());
        if (account == null) {
            throw ApiException.unauthorized("invalid token");
        }
        return new Caller(issued.accountId(), issued.clientId(),
                issued.scopes() == null ? account.scopes() : issued.scopes());
    }

    SessionCreation.Outcome createSession(Caller caller, byte[] rawBody, String featureToggles,
            boolean includeSession) {
        Account account = accounts.get(caller.accountId());
        if (account == null) {
            throw ApiException.unauthorized("invalid token");
        }
        return sessionCreation.create(account, rawBody, featureToggles, includeSession);
    }

    /** @return the account an {@code Authorization} header's token was issued to, or null; changes nothing */
    String accountOf(String authorization) {
        return tokens.accountOf(authorization);
    }

    synchronized ObjectNode sessionView(Caller caller, String sessionId) {
        return checkout.ownedSession(caller, sessionId).view();
    }

    synchronized ObjectNode transactionView(Caller caller, String transactionId) {
        TransactionRecord tx = transactions.get(transactionId);
        if (tx == null || !tx.account.accountId().equals(caller.accountId())) {
            throw ApiException.notFound("transaction " + transactionId + " not found");
        }
        return tx.view();
    }

    synchronized TransactionOperations.Outcome operate(Caller caller, String transactionId,
            OperationRules.Kind kind, byte[] body, Fault injected) {
        TransactionOperations.Outcome outcome = operations.http(caller, transactionId, kind, body, injected);
        if (injected != null && injected.kind() == Fault.Kind.OPERATION_LATE && outcome.eventRequestId() != null) {
            callbacks.later(() -> completeLate(outcome.eventRequestId()), injected.minDelay());
        }
        return outcome;
    }

    private synchronized void completeLate(String requestId) {
        if (operations.completePending(requestId)) {
            LOG.info("Operation with request id {} completed late (fault OPERATION_LATE)", requestId);
        }
    }

    synchronized ArrayNode listTransactions(Caller caller, List<Map.Entry<String, String>> query) {
        return TransactionList.list(transactions.values(), caller.accountId(), query);
    }

    synchronized ObjectNode cancelSession(Caller caller, String sessionId) {
        return checkout.cancel(caller, sessionId);
    }

    /** The hosted page's view of a session; records VISITED when the page is shown. */
    synchronized PageModel visit(String sessionId, String customerIp, String userAgent) {
        return checkout.visit(sessionId, customerIp, userAgent, true);
    }

    // ---- control API --------------------------------------------------------------------------------------------

    @Override
    public synchronized EmulatedPayment pay(String sessionId, String paymentMethod) {
        return checkout.pay(sessionId, paymentMethod, null, Checkout.Tender.PLAIN);
    }

    @Override
    public synchronized EmulatedPayment pay(String sessionId, String paymentMethod,
            Map<String, String> shippingAddress) {
        return checkout.pay(sessionId, paymentMethod, shippingAddress, Checkout.Tender.PLAIN);
    }

    @Override
    public synchronized EmulatedPayment payOnHold(String sessionId, String paymentMethod) {
        return checkout.pay(sessionId, paymentMethod, null, new Checkout.Tender(true, null, null));
    }

    @Override
    public synchronized void resolveHold(String transactionId, boolean approved) {
        checkout.resolveHold(transactionId, approved);
    }

    @Override
    public synchronized EmulatedPayment payWithGiftCard(String sessionId, String cardNumber, String pin,
            String restPaymentMethod) {
        if (cardNumber == null || pin == null) {
            throw new IllegalArgumentException("wrong PIN or unknown gift card: card number and PIN are required");
        }
        return checkout.pay(sessionId, restPaymentMethod, null, new Checkout.Tender(false, cardNumber, pin));
    }

    @Override
    public void addGiftCard(String accountId, String cardId, String cardNumber, String pin, long balance,
            String currency) {
        giftCards.add(accountId, cardId, cardNumber, pin, balance, currency);
    }

    @Override
    public long giftCardBalance(String accountId, String cardId) {
        return giftCards.balance(accountId, cardId);
    }

    @Override
    public synchronized void setOperationMode(OperationMode mode) {
        operations.mode(mode);
    }

    @Override
    public synchronized OperationMode operationMode() {
        return operations.mode();
    }

    @Override
    public synchronized int completePendingOperations() {
        return operations.completePending();
    }

    @Override
    public synchronized void failNextOperation(String transactionId, String message) {
        operations.failNext(transactionId, message);
    }

    @Override
    public synchronized void loseNextOperationResponse(String transactionId) {
        operations.loseNext(transactionId);
    }

    @Override
    public void loseNextSessionResponse() {
        sessionCreation.loseNext();
    }

    @Override
    public synchronized String backofficeCapture(String transactionId, long amount) {
        return operations.backoffice(transactionId, OperationRules.Kind.CAPTURE, amount);
    }

    @Override
    public synchronized String backofficeRefund(String transactionId, long amount) {
        return operations.backoffice(transactionId, OperationRules.Kind.REFUND, amount);
    }

    @Override
    public synchronized String backofficeVoid(String transactionId) {
        return operations.backoffice(transactionId, OperationRules.Kind.VOID, 0);
    }

    @Override
    public synchronized void open(String sessionId) {
        checkout.visit(sessionId, null, null, false);
    }

    @Override
    public synchronized String decline(String sessionId) {
        return checkout.decline(sessionId);
    }

    @Override
    public synchronized void expire(String sessionId) {
        SessionRecord session = checkout.session(sessionId, false);
        Instant now = clock.instant();
        if (session.expiresAt.isAfter(now)) {
            session.expiresAt = now;
            session.updatedAt = now;
        }
    }

    @Override
    public void advanceClock(Duration duration) {
        Duration offset = clock.advance(duration);
        LOG.info("Emulator clock advanced by {} (now {}, {} ahead of the underlying clock)", duration,
                Ids.iso(clock.instant()), offset);
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public void setCallbackMode(CallbackMode mode) {
        callbacks.mode(mode);
    }

    @Override
    public CallbackMode callbackMode() {
        return callbacks.mode();
    }

    @Override
    public int releaseCallbacks() {
        return callbacks.release();
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
        Instant now = clock.instant();
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
}
