package org.tillpay.dintero.emulator.testing;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.servlet.DispatcherType;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.tillpay.dintero.emulator.DinteroEmulator;
import org.tillpay.dintero.emulator.DinteroInsightEmulator;
import org.tillpay.dintero.emulator.DinteroPartnerEmulator;
import org.tillpay.dintero.emulator.DinteroSettlementsEmulator;
import org.tillpay.dintero.emulator.internal.Account;
import org.tillpay.dintero.emulator.internal.DispatcherServlet;
import org.tillpay.dintero.emulator.internal.Emulator;
import org.tillpay.dintero.emulator.internal.EmulatorSettings;

/**
 * The emulator's dispatcher servlet on an embedded Jetty 9.4 at {@code 127.0.0.1} on a free port, with the plain-Java
 * core configured in code, for unit tests here and in other modules (shipped in this module's test-jar; consumers need
 * {@code org.eclipse.jetty:jetty-servlet} and {@code com.atlassian.oai:swagger-request-validator-core} as test
 * dependencies).
 *
 * <p>Faults injected with {@code emulator().addFault(FaultRule)} (control API 1.7) apply to this server's HTTP path
 * exactly as in Karaf: latency, 5xx, 429, timeouts and connection resets, late or lost callbacks and operations.
 *
 * <p>Every request and response on spec paths goes through {@link ContractFilter}; {@link #contractViolations()}
 * returns what it found, and tests should assert it is empty. Use try-with-resources:
 *
 * <pre>{@code
 * try (EmulatorServer dintero = EmulatorServer.start()) {
 *     String checkout = dintero.checkoutBaseUrl(); // stands for https://checkout.dintero.com
 *     ...
 *     assertEquals(List.of(), dintero.contractViolations());
 * }
 * }</pre>
 */
public final class EmulatorServer implements AutoCloseable {

    /** The default test account. */
    public static final String ACCOUNT_ID = "T12345678";
    /** The default account's client id. */
    public static final String CLIENT_ID = "tillpay-test-client";
    /** The default account's client secret. */
    public static final String CLIENT_SECRET = "tillpay-test-client-secret";
    /** The default account's callback signature secret. */
    public static final String SIGNATURE_SECRET = "tillpay-test-signature-secret";
    /** The default account's payment profile. */
    public static final String PROFILE_ID = "default";
    /** The partner account of {@link Builder#partnerAndMerchant()}. */
    public static final String PARTNER_ID = "T11200000";
    /** The partner's client id. */
    public static final String PARTNER_CLIENT_ID = "tillpay-partner-client";
    /** The partner's client secret. */
    public static final String PARTNER_CLIENT_SECRET = "tillpay-partner-client-secret";
    /** The merchant account of {@link Builder#partnerAndMerchant()}, linked to {@link #PARTNER_ID}. */
    public static final String MERCHANT_ID = "T11200001";
    /** The merchant's signup reference (the ERP's customer id). */
    public static final String SIGNUP_REFERENCE = "erp-customer-4711";
    /** The default base path, as in Karaf. */
    public static final String DEFAULT_BASE_PATH = "/dintero-emulator";

    /** Every thread the emulator runs (its Jetty and its callback sender) has a name starting with this. */
    public static final String THREAD_NAME_PREFIX = "dintero-emulator-";

    private final Server jetty;
    private final Emulator emulator;
    private final String baseUrl;
    private final boolean validating;
    private final List<ContractViolation> violations = new CopyOnWriteArrayList<>();

    private EmulatorServer(Builder b) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName(THREAD_NAME_PREFIX + "http"); // so that a benchmark can tell the emulator's CPU from ours
        jetty = new Server(threads);
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        connector.open();
        baseUrl = "http://127.0.0.1:" + connector.getLocalPort() + b.basePath;
        emulator = new Emulator(new EmulatorSettings(baseUrl, b.tokenTtl, b.callbackMaxAttempts,
                b.callbackRetryDelay, b.callbackTimeout, b.clock));
        List<Account> accounts = b.accounts.isEmpty() ? List.of(new Account(ACCOUNT_ID, CLIENT_ID, CLIENT_SECRET,
                SIGNATURE_SECRET, List.of(PROFILE_ID))) : b.accounts;
        accounts.forEach(emulator::addAccount);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/");
        context.addServlet(new ServletHolder(new DispatcherServlet(emulator)), b.basePath + "/*");
        ContractValidator validator = ContractValidator.shared();
        validating = b.contractValidation && validator.enabled();
        if (validating) {
            context.addFilter(new FilterHolder(new ContractFilter(b.basePath, validator, violations::addAll)),
                    b.basePath + "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        jetty.setHandler(context);
        jetty.start();
    }

    /**
     * Starts a server with the default account ({@link #ACCOUNT_ID}) and default settings.
     *
     * @return the running server
     */
    public static EmulatorServer start() {
        return builder().start();
    }

    /** @return a builder for a customised server */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the base URL, for example {@code http://127.0.0.1:41234/dintero-emulator} */
    public String baseUrl() {
        return baseUrl;
    }

    /** @return the stand-in for {@code https://api.dintero.com} */
    public String apiBaseUrl() {
        return baseUrl + "/api";
    }

    /** @return the stand-in for {@code https://checkout.dintero.com} */
    public String checkoutBaseUrl() {
        return baseUrl + "/checkout";
    }

    /** @return the control API (pay, decline, inspect) */
    public DinteroEmulator emulator() {
        return emulator;
    }

    /** @return the settlements and webhooks control API (settle, sales buffer, webhook faults) */
    public DinteroSettlementsEmulator settlements() {
        return emulator;
    }

    /** @return the Insight reports control API (play the report scheduler, list reports and configurations) */
    public DinteroInsightEmulator insight() {
        return emulator;
    }

    /** @return the Partner API control API (created API clients, grants and profiles; revoke a client) */
    public DinteroPartnerEmulator partner() {
        return emulator;
    }

    /** @return whether exchanges are being validated against the spec (false when it is absent or turned off) */
    public boolean contractValidationEnabled() {
        return validating;
    }

    /** @return every contract violation seen so far, in order */
    public List<ContractViolation> contractViolations() {
        return new ArrayList<>(violations);
    }

    /** Forgets the violations seen so far (for tests that send invalid requests on purpose). */
    public void clearContractViolations() {
        violations.clear();
    }

    /** Stops Jetty and the emulator's callback executor. */
    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop Jetty", e);
        } finally {
            emulator.close();
        }
    }

    /** Configures an {@link EmulatorServer}. */
    public static final class Builder {
        private final List<Account> accounts = new ArrayList<>();
        private String basePath = DEFAULT_BASE_PATH;
        private Duration tokenTtl = Duration.ofSeconds(14400);
        private int callbackMaxAttempts = 20;
        private Duration callbackRetryDelay = Duration.ofMillis(50);
        private Duration callbackTimeout = EmulatorSettings.DEFAULT_CALLBACK_TIMEOUT;
        private Clock clock = Clock.systemUTC();
        private boolean contractValidation = true;

        private Builder() {
        }

        /**
         * Adds an account; without any, the default account is used.
         *
         * @param accountId {@code T} + 8 digits
         * @param clientId the client id
         * @param clientSecret the client secret
         * @param signatureSecret the callback signing secret, empty for unsigned callbacks
         * @param profileIds the payment profiles
         * @return this
         */
        public Builder account(String accountId, String clientId, String clientSecret, String signatureSecret,
                String... profileIds) {
            accounts.add(new Account(accountId, clientId, clientSecret, signatureSecret, List.of(profileIds)));
            return this;
        }

        /**
         * Adds an account whose API client has only the given scopes (accounts added otherwise have every scope).
         *
         * @param accountId {@code T} + 8 digits
         * @param clientId the client id
         * @param clientSecret the client secret
         * @param scopes the client's scopes, for example {@code read:reports}; empty for every scope
         * @param profileIds the payment profiles
         * @return this
         */
        public Builder scopedAccount(String accountId, String clientId, String clientSecret, List<String> scopes,
                String... profileIds) {
            accounts.add(new Account(accountId, clientId, clientSecret, "", List.of(profileIds), scopes));
            return this;
        }

        /**
         * Adds an account as given (for partner and company details, see {@link Account#withPartner}).
         *
         * @param account the account
         * @return this
         */
        public Builder account(Account account) {
            accounts.add(account);
            return this;
        }

        /**
         * Adds a partner account and a merchant account linked to it: {@link #PARTNER_ID} (client
         * {@link #PARTNER_CLIENT_ID}) and {@link #MERCHANT_ID} (its own client {@code <MERCHANT_ID>-client}, secret
         * {@code <MERCHANT_ID>-secret}, signup reference {@link #SIGNUP_REFERENCE}, company "Butikk AS",
         * organization number 999999999, profile {@link #PROFILE_ID}).
         *
         * @return this
         */
        public Builder partnerAndMerchant() {
            return partnerAndMerchant(PARTNER_ID, PARTNER_CLIENT_ID, PARTNER_CLIENT_SECRET, MERCHANT_ID,
                    SIGNUP_REFERENCE, true);
        }

        /**
         * Adds a partner account and one merchant account that names it in {@code partner.id}. A partner already
         * added (same id) is not added again, so several merchants can share one partner.
         *
         * @param partnerId the partner account, {@code T} + 8 digits
         * @param partnerClientId the partner's client id
         * @param partnerSecret the partner's client secret
         * @param merchantId the merchant account; its client is {@code <merchantId>-client} /
         *        {@code <merchantId>-secret}
         * @param signupReference the merchant's {@code applicant.signup_reference}
         * @param active whether the merchant is active
         * @return this
         */
        public Builder partnerAndMerchant(String partnerId, String partnerClientId, String partnerSecret,
                String merchantId, String signupReference, boolean active) {
            if (accounts.stream().noneMatch(a -> a.accountId().equals(partnerId))) {
                accounts.add(new Account(partnerId, partnerClientId, partnerSecret, "", List.of(PROFILE_ID)));
            }
            accounts.add(new Account(merchantId, merchantId + "-client", merchantId + "-secret", "",
                    List.of(PROFILE_ID)).withPartner(partnerId, signupReference, "Butikk AS", "999999999", active));
            return this;
        }

        /** Adds the default account ({@link #ACCOUNT_ID}) alongside others. @return this */
        public Builder defaultAccount() {
            return account(ACCOUNT_ID, CLIENT_ID, CLIENT_SECRET, SIGNATURE_SECRET, PROFILE_ID);
        }

        /** @param path the base path (default {@value #DEFAULT_BASE_PATH}) @return this */
        public Builder basePath(String path) {
            this.basePath = path;
            return this;
        }

        /** @param ttl the token lifetime (default 4 h) @return this */
        public Builder tokenTtl(Duration ttl) {
            this.tokenTtl = ttl;
            return this;
        }

        /** @param attempts callback attempts in total (default 20) @return this */
        public Builder callbackMaxAttempts(int attempts) {
            this.callbackMaxAttempts = attempts;
            return this;
        }

        /** @param delay first callback retry delay, doubling after (default 50 ms in tests) @return this */
        public Builder callbackRetryDelay(Duration delay) {
            this.callbackRetryDelay = delay;
            return this;
        }

        /** @param timeout how long a callback waits for the merchant (default 10 s) @return this */
        public Builder callbackTimeout(Duration timeout) {
            this.callbackTimeout = timeout;
            return this;
        }

        /** @param clock the time source, for example a {@link MutableClock} @return this */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** @param enabled whether to validate exchanges against the spec (default true) @return this */
        public Builder contractValidation(boolean enabled) {
            this.contractValidation = enabled;
            return this;
        }

        /** @return the running server */
        public EmulatorServer start() {
            try {
                return new EmulatorServer(this);
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the Dintero emulator", e);
            }
        }
    }
}
