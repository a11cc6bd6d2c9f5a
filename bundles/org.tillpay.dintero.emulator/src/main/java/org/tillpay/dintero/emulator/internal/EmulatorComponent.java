package org.tillpay.dintero.emulator.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.servlet.Servlet;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.http.whiteboard.HttpWhiteboardConstants;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.dintero.emulator.CallbackDelivery;
import org.tillpay.dintero.emulator.CallbackMode;
import org.tillpay.dintero.emulator.DinteroEmulator;
import org.tillpay.dintero.emulator.DinteroInsightEmulator;
import org.tillpay.dintero.emulator.DinteroPartnerEmulator;
import org.tillpay.dintero.emulator.DinteroSettlementsEmulator;
import org.tillpay.dintero.emulator.EmulatedPayment;
import org.tillpay.dintero.emulator.FaultRule;
import org.tillpay.dintero.emulator.OperationMode;
import org.tillpay.dintero.emulator.OutboxMessage;
import org.tillpay.dintero.emulator.SessionSummary;
import org.tillpay.dintero.emulator.WebhookDelivery;
import org.tillpay.dintero.emulator.WebhookMode;

/**
 * Runs the emulator in Karaf: builds the core from configuration PID {@value #PID}, registers the dispatcher servlet
 * on the HTTP whiteboard at {@code <base.path>/*} and publishes the {@link DinteroEmulator},
 * {@link DinteroSettlementsEmulator}, {@link DinteroInsightEmulator} and {@link DinteroPartnerEmulator} services (one
 * object, all four). Accounts are
 * added by their {@link AccountComponent}s, which reference this component (registered under its own class too, which
 * no other bundle can see). The core keeps its own offset clock over the system clock, so
 * {@link #advanceClock(Duration)} expires sessions and tokens in a running container too.
 */
@Component(service = {DinteroEmulator.class, DinteroSettlementsEmulator.class, DinteroInsightEmulator.class,
    DinteroPartnerEmulator.class, EmulatorComponent.class}, immediate = true, configurationPid = EmulatorComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = EmulatorComponent.Config.class)
public final class EmulatorComponent implements DinteroEmulator, DinteroSettlementsEmulator, DinteroInsightEmulator,
        DinteroPartnerEmulator {

    /** The configuration PID. */
    public static final String PID = "org.tillpay.dintero.emulator";

    private static final Logger LOG = LoggerFactory.getLogger(EmulatorComponent.class);

    /** Emulator settings. */
    @ObjectClassDefinition(name = "Tillpay Dintero emulator",
            description = "Local stand-in for Dintero's API and hosted checkout, for test accounts only.")
    public @interface Config {

        /** @return the servlet path the emulator is served under */
        @AttributeDefinition(name = "Base path", description = "Path under which the emulator is served; "
                + "<base>/api stands for api.dintero.com and <base>/checkout for checkout.dintero.com.")
        String base_path() default "/dintero-emulator";

        /** @return the public base URL, empty for the default */
        @AttributeDefinition(name = "Public base URL", required = false, description = "Base URL customers and "
                + "merchants reach the emulator at (used in payment links). Default: http://127.0.0.1:<port><base.path>"
                + " with the port from org.osgi.service.http.port (8181).")
        String public_base_url() default "";

        /** @return callback delivery attempts in total */
        @AttributeDefinition(name = "Callback attempts", min = "1", description = "Delivery attempts per callback, "
                + "first one included (Dintero: 20 retries).")
        int callback_max_attempts() default 20;

        /** @return the first retry delay in ms */
        @AttributeDefinition(name = "Callback retry delay (ms)", min = "0",
                description = "Delay before the first retry; doubles on each further retry (capped at 5 minutes).")
        long callback_retry_delay_ms() default 1000;

        /** @return the token lifetime in seconds */
        @AttributeDefinition(name = "Token lifetime (s)", min = "1", description = "expires_in of access tokens.")
        long token_ttl_seconds() default 14400;
    }

    private final Emulator emulator;
    private final ServiceRegistration<Servlet> servlet;

    /**
     * Validates the configuration, starts the core and registers the servlet.
     *
     * @param context the bundle context
     * @param config the configuration
     */
    @Activate
    public EmulatorComponent(BundleContext context, Config config) {
        String basePath;
        EmulatorSettings settings;
        try {
            basePath = EmulatorSettings.basePath(config.base_path());
            String publicBaseUrl = config.public_base_url() == null || config.public_base_url().isBlank()
                    ? "http://127.0.0.1:" + EmulatorSettings.httpPort(context.getProperty("org.osgi.service.http.port"))
                    + basePath : config.public_base_url().trim();
            settings = new EmulatorSettings(publicBaseUrl, Duration.ofSeconds(config.token_ttl_seconds()),
                    config.callback_max_attempts(), Duration.ofMillis(config.callback_retry_delay_ms()),
                    EmulatorSettings.DEFAULT_CALLBACK_TIMEOUT, Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            LOG.error("Dintero emulator configuration {} rejected: {}", PID, e.getMessage());
            throw e;
        }
        this.emulator = new Emulator(settings);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, basePath + "/*");
        props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME, "tillpay-dintero-emulator");
        this.servlet = context.registerService(Servlet.class, new DispatcherServlet(emulator), props);
        LOG.info("Dintero emulator serving {}/* at {} (token ttl {} s, callbacks {} attempts)", basePath,
                settings.publicBaseUrl(), settings.tokenTtl().getSeconds(), settings.callbackMaxAttempts());
    }

    /**
     * Adds a configured account (called by its {@link AccountComponent}).
     *
     * @param account the account
     * @throws IllegalArgumentException when the account id is configured twice
     */
    void addAccount(Account account) {
        emulator.addAccount(account);
    }

    /**
     * Removes an account whose configuration went away.
     *
     * @param account the account
     */
    void removeAccount(Account account) {
        emulator.removeAccount(account);
    }

    @Deactivate
    void deactivate() {
        try {
            servlet.unregister();
        } catch (IllegalStateException e) {
            LOG.debug("Emulator servlet already unregistered");
        }
        emulator.close();
        LOG.info("Dintero emulator stopped");
    }

    @Override
    public EmulatedPayment pay(String sessionId, String paymentMethod) {
        return emulator.pay(sessionId, paymentMethod);
    }

    @Override
    public EmulatedPayment pay(String sessionId, String paymentMethod, Map<String, String> shippingAddress) {
        return emulator.pay(sessionId, paymentMethod, shippingAddress);
    }

    @Override
    public void open(String sessionId) {
        emulator.open(sessionId);
    }

    @Override
    public void advanceClock(Duration duration) {
        emulator.advanceClock(duration);
    }

    @Override
    public Instant now() {
        return emulator.now();
    }

    @Override
    public void setCallbackMode(CallbackMode mode) {
        emulator.setCallbackMode(mode);
    }

    @Override
    public CallbackMode callbackMode() {
        return emulator.callbackMode();
    }

    @Override
    public int releaseCallbacks() {
        return emulator.releaseCallbacks();
    }

    @Override
    public String decline(String sessionId) {
        return emulator.decline(sessionId);
    }

    @Override
    public void expire(String sessionId) {
        emulator.expire(sessionId);
    }

    @Override
    public Optional<Map<String, Object>> session(String sessionId) {
        return emulator.session(sessionId);
    }

    @Override
    public Optional<Map<String, Object>> transaction(String transactionId) {
        return emulator.transaction(transactionId);
    }

    @Override
    public List<SessionSummary> sessions() {
        return emulator.sessions();
    }

    @Override
    public List<OutboxMessage> outbox() {
        return emulator.outbox();
    }

    @Override
    public List<CallbackDelivery> callbackDeliveries() {
        return emulator.callbackDeliveries();
    }

    @Override
    public int tokenRequests(String accountId) {
        return emulator.tokenRequests(accountId);
    }

    @Override
    public String baseUrl() {
        return emulator.baseUrl();
    }

    @Override
    public EmulatedPayment payOnHold(String sessionId, String paymentMethod) {
        return emulator.payOnHold(sessionId, paymentMethod);
    }

    @Override
    public void resolveHold(String transactionId, boolean approved) {
        emulator.resolveHold(transactionId, approved);
    }

    @Override
    public EmulatedPayment payWithGiftCard(String sessionId, String cardNumber, String pin,
            String restPaymentMethod) {
        return emulator.payWithGiftCard(sessionId, cardNumber, pin, restPaymentMethod);
    }

    @Override
    public void addGiftCard(String accountId, String cardId, String cardNumber, String pin, long balance,
            String currency) {
        emulator.addGiftCard(accountId, cardId, cardNumber, pin, balance, currency);
    }

    @Override
    public long giftCardBalance(String accountId, String cardId) {
        return emulator.giftCardBalance(accountId, cardId);
    }

    @Override
    public void setOperationMode(OperationMode mode) {
        emulator.setOperationMode(mode);
    }

    @Override
    public OperationMode operationMode() {
        return emulator.operationMode();
    }

    @Override
    public int completePendingOperations() {
        return emulator.completePendingOperations();
    }

    @Override
    public void failNextOperation(String transactionId, String message) {
        emulator.failNextOperation(transactionId, message);
    }

    @Override
    public void loseNextOperationResponse(String transactionId) {
        emulator.loseNextOperationResponse(transactionId);
    }

    @Override
    public void loseNextSessionResponse() {
        emulator.loseNextSessionResponse();
    }

    @Override
    public String backofficeCapture(String transactionId, long amount) {
        return emulator.backofficeCapture(transactionId, amount);
    }

    @Override
    public String backofficeRefund(String transactionId, long amount) {
        return emulator.backofficeRefund(transactionId, amount);
    }

    @Override
    public String backofficeVoid(String transactionId) {
        return emulator.backofficeVoid(transactionId);
    }

    @Override
    public List<String> settle(String accountId, LocalDate payoutDate) {
        return emulator.settle(accountId, payoutDate);
    }

    @Override
    public List<Map<String, Object>> settlements(String accountId) {
        return emulator.settlements(accountId);
    }

    @Override
    public void setSalesBuffer(long minorUnits) {
        emulator.setSalesBuffer(minorUnits);
    }

    @Override
    public long salesBuffer() {
        return emulator.salesBuffer();
    }

    @Override
    public void setWebhookMode(WebhookMode mode) {
        emulator.setWebhookMode(mode);
    }

    @Override
    public WebhookMode webhookMode() {
        return emulator.webhookMode();
    }

    @Override
    public List<WebhookDelivery> webhookDeliveries() {
        return emulator.webhookDeliveries();
    }

    @Override
    public List<String> runInsightReports(String accountId, String schedule) {
        return emulator.runInsightReports(accountId, schedule);
    }

    @Override
    public List<Map<String, Object>> insightReports(String accountId) {
        return emulator.insightReports(accountId);
    }

    @Override
    public List<Map<String, Object>> insightConfigurations(String accountId) {
        return emulator.insightConfigurations(accountId);
    }

    @Override
    public List<Map<String, Object>> apiClients(String accountId) {
        return emulator.apiClients(accountId);
    }

    @Override
    public List<Map<String, Object>> clientGrants(String accountId) {
        return emulator.clientGrants(accountId);
    }

    @Override
    public List<Map<String, Object>> profiles(String accountId) {
        return emulator.profiles(accountId);
    }

    @Override
    public void revokeClient(String accountId, String clientId) {
        emulator.revokeClient(accountId, clientId);
    }

    @Override
    public String addFault(FaultRule rule) {
        return emulator.addFault(rule);
    }

    @Override
    public boolean removeFault(String faultId) {
        return emulator.removeFault(faultId);
    }

    @Override
    public int clearFaults() {
        return emulator.clearFaults();
    }

    @Override
    public Map<String, FaultRule> faults() {
        return emulator.faults();
    }

    @Override
    public int faultHits(String faultId) {
        return emulator.faultHits(faultId);
    }
}
