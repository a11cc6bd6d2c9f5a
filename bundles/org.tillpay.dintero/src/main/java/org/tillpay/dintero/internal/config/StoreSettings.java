package org.tillpay.dintero.internal.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.tillpay.payment.api.PaymentMethodChoice;

/**
 * One store's validated, immutable Dintero settings. Built from {@link DinteroStoreConfig} by {@link #from}; a bad
 * value is refused with an {@link InvalidStoreConfigException} naming the key. Secrets are held as {@link Secret}s.
 */
public final class StoreSettings {

    private static final Pattern STORE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final Pattern ACCOUNT_ID = Pattern.compile("[TP][0-9]{8}");
    private static final Pattern PROFILE_ID = Pattern.compile("\\S(.{0,126}\\S)?");

    private final String storeId;
    private final String storeName;
    private final String accountId;
    private final String clientId;
    private final Secret clientSecret;
    private final Secret signatureSecret;
    private final SettlementSettings settlements;
    private final ReportSettings reports;
    private final String profileId;
    private final URI apiBaseUrl;
    private final URI checkoutBaseUrl;
    private final URI callbackBaseUrl;
    private final String accountingNumber;
    private final int pollIntervalSeconds;
    private final int parkedPollIntervalSeconds;
    private final Set<PaymentMethodChoice> paymentMethods;

    private StoreSettings(DinteroStoreConfig c) {
        this.storeId = matching("store.id", c.store_id(), STORE_ID, "letters, digits, '.', '_' or '-', at most 64");
        this.storeName = c.store_name() == null ? "" : c.store_name().strip();
        this.accountId = matching("account.id", c.account_id(), ACCOUNT_ID,
                "T (test) or P (production) followed by 8 digits, e.g. T12345678");
        this.clientId = required("client.id", c.client_id());
        this.clientSecret = Secret.of(required("client.secret", c.client_secret()));
        this.signatureSecret = Secret.of(required("signature.secret", c.signature_secret()));
        this.profileId = matching("profile.id", c.profile_id(), PROFILE_ID, "a profile id without leading or trailing spaces");
        this.apiBaseUrl = baseUrl("api.base.url", c.api_base_url());
        this.checkoutBaseUrl = baseUrl("checkout.base.url", c.checkout_base_url());
        this.callbackBaseUrl = baseUrl("callback.base.url", c.callback_base_url());
        this.accountingNumber = required("accounting.number", c.accounting_number());
        if (c.poll_interval_seconds() < 0 || c.poll_interval_seconds() > 3600) {
            throw new InvalidStoreConfigException("poll.interval.seconds",
                    "must be between 0 (off) and 3600, was " + c.poll_interval_seconds());
        }
        this.pollIntervalSeconds = c.poll_interval_seconds();
        if (c.parked_poll_interval_seconds() < 10 || c.parked_poll_interval_seconds() > 86400) {
            throw new InvalidStoreConfigException("parked.poll.interval.seconds",
                    "must be between 10 and 86400, was " + c.parked_poll_interval_seconds());
        }
        this.parkedPollIntervalSeconds = c.parked_poll_interval_seconds();
        this.paymentMethods = paymentMethods(c.payment_methods());
        this.smtp = Smtp.from(c);
        this.settlements = SettlementSettings.from(c);
        this.reports = ReportSettings.from(c);
    }

    /**
     * @param config the raw configuration
     * @return the validated settings
     * @throws InvalidStoreConfigException naming the first key that is wrong
     */
    public static StoreSettings from(DinteroStoreConfig config) {
        return new StoreSettings(config);
    }

    static String required(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidStoreConfigException(key, "is required");
        }
        return value.strip();
    }

    static String matching(String key, String value, Pattern pattern, String rule) {
        String v = required(key, value);
        if (!pattern.matcher(v).matches()) {
            throw new InvalidStoreConfigException(key, "must be " + rule + ", was '" + v + "'");
        }
        return v;
    }

    /** HTTPS everywhere, except plain HTTP to a loopback host (the embedded emulator). */
    static URI baseUrl(String key, String value) {
        String v = required(key, value);
        while (v.endsWith("/")) {
            v = v.substring(0, v.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(v);
        } catch (URISyntaxException e) {
            throw new InvalidStoreConfigException(key, "is not a URL: '" + v + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new InvalidStoreConfigException(key, "must be an absolute https URL, was '" + v + "'");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new InvalidStoreConfigException(key, "must not carry a query, fragment or user info");
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            throw new InvalidStoreConfigException(key, "must use https (plain http is allowed only on loopback), was '" + v + "'");
        }
        return uri;
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    /** @return the store id */
    public String storeId() {
        return storeId;
    }

    /** @return the store's display name, possibly empty */
    public String storeName() {
        return storeName;
    }

    /** @return the Dintero account id, e.g. T12345678 */
    public String accountId() {
        return accountId;
    }

    /** @return true for a test (T) account */
    public boolean isTestAccount() {
        return accountId.startsWith("T");
    }

    /** @return the API client id */
    public String clientId() {
        return clientId;
    }

    /** @return the API client secret */
    public Secret clientSecret() {
        return clientSecret;
    }

    /** @return the callback signature secret */
    public Secret signatureSecret() {
        return signatureSecret;
    }

    /** @return the payment profile id */
    public String profileId() {
        return profileId;
    }

    /** @return the core API base, without trailing slash */
    public URI apiBaseUrl() {
        return apiBaseUrl;
    }

    /** @return the checkout API base, without trailing slash */
    public URI checkoutBaseUrl() {
        return checkoutBaseUrl;
    }

    /** @return our own public base URL, without trailing slash */
    public URI callbackBaseUrl() {
        return callbackBaseUrl;
    }

    /** @return the accounting number */
    public String accountingNumber() {
        return accountingNumber;
    }

    private static Set<PaymentMethodChoice> paymentMethods(String list) {
        Set<PaymentMethodChoice> methods = EnumSet.noneOf(PaymentMethodChoice.class);
        for (String id : required("payment.methods", list).split(",")) {
            if (id.isBlank()) {
                continue;
            }
            try {
                methods.add(PaymentMethodChoice.fromId(id));
            } catch (IllegalArgumentException unknown) {
                throw new InvalidStoreConfigException("payment.methods", "'" + id.strip() + "' is not a payment method;"
                        + " use vipps, mobilepay, swish, klarna, walley, billie, card, applepay or googlepay");
            }
        }
        if (methods.isEmpty()) {
            throw new InvalidStoreConfigException("payment.methods", "name at least one payment method");
        }
        return Collections.unmodifiableSet(methods);
    }

    /** @return the payment methods the store offers */
    public Set<PaymentMethodChoice> paymentMethods() {
        return paymentMethods;
    }

    /** @return where the store's reports go (settlement report forwarding, Insight schedule) */
    public ReportSettings reports() {
        return reports;
    }

    /** @return how the store fetches settlements */
    public SettlementSettings settlements() {
        return settlements;
    }

    /** @return seconds between read-backs of a parked sale's payment */
    public int parkedPollIntervalSeconds() {
        return parkedPollIntervalSeconds;
    }

    /** @return seconds between read-backs of pending payments, 0 for none */
    public int pollIntervalSeconds() {
        return pollIntervalSeconds;
    }

    /** @return the token audience: Dintero's account URL, the same for the real hosts and the emulator */
    public String tokenAudience() {
        return "https://api.dintero.com/v1/accounts/" + accountId;
    }

    /** @return every setting for display, secrets masked */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("store.id", storeId);
        m.put("store.name", storeName);
        m.put("account.id", accountId);
        m.put("client.id", clientId);
        m.put("client.secret", clientSecret.masked());
        m.put("signature.secret", signatureSecret.masked());
        m.put("profile.id", profileId);
        m.put("api.base.url", apiBaseUrl.toString());
        m.put("checkout.base.url", checkoutBaseUrl.toString());
        m.put("callback.base.url", callbackBaseUrl.toString());
        m.put("accounting.number", accountingNumber);
        m.put("poll.interval.seconds", Integer.toString(pollIntervalSeconds));
        m.put("parked.poll.interval.seconds", Integer.toString(parkedPollIntervalSeconds));
        m.put("settlement.poll.interval.minutes", Integer.toString(settlements.pollIntervalMinutes()));
        m.put("settlement.lookback.days", Integer.toString(settlements.lookbackDays()));
        m.put("webhook.secret", settlements.webhookSecret().map(Secret::masked).orElse(""));
        m.put("settlement.report.email", reports.forwardTo().orElse(""));
        m.put("insight.report.schedule", reports.insightSchedule().orElse(""));
        m.put("insight.report.emails", String.join(",", reports.insightEmails()));
        m.put("payment.methods", paymentMethods.stream().map(PaymentMethodChoice::id)
                .collect(java.util.stream.Collectors.joining(",")));
        m.put("smtp.host", smtp.host);
        if (emailEnabled()) {
            m.put("smtp.port", Integer.toString(smtp.port));
            m.put("smtp.username", smtp.username == null ? "" : smtp.username);
            m.put("smtp.password", smtp.password == null ? "" : smtp.password.masked());
            m.put("smtp.from", smtp.from);
            m.put("smtp.starttls", Boolean.toString(smtp.startTls));
            m.put("smtp.ssl", Boolean.toString(smtp.ssl));
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    @Override
    public String toString() {
        return "StoreSettings" + describe();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Payment link by e-mail: the store's own SMTP server (smtp.* keys). Kept together at the end of the class.

    private static final Pattern SMTP_HOST = Pattern.compile(
            "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
            + "|\\[[0-9A-Fa-f:.]{2,45}\\]");
    private static final Pattern SMTP_FROM = Pattern.compile("[^@\\s<>\"(),;:]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
            + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    private final Smtp smtp;

    /** @return true when the store sends payment links by e-mail itself: {@code smtp.host} is set */
    public boolean emailEnabled() {
        return !smtp.host.isEmpty();
    }

    /** @return the SMTP host, empty when e-mail is off */
    public String smtpHost() {
        return smtp.host;
    }

    /** @return the SMTP port (default 587) */
    public int smtpPort() {
        return smtp.port;
    }

    /** @return the SMTP user name, if the server wants a login */
    public java.util.Optional<String> smtpUsername() {
        return java.util.Optional.ofNullable(smtp.username);
    }

    /** @return the SMTP password, if the server wants a login */
    public java.util.Optional<Secret> smtpPassword() {
        return java.util.Optional.ofNullable(smtp.password);
    }

    /** @return the sender address of payment-link e-mails, empty when e-mail is off */
    public String smtpFrom() {
        return smtp.from;
    }

    /** @return true when STARTTLS is required on a plain connection (never with {@link #smtpSsl()}) */
    public boolean smtpStartTls() {
        return smtp.startTls;
    }

    /** @return true for SMTPS: TLS from the first byte */
    public boolean smtpSsl() {
        return smtp.ssl;
    }

    /** The validated smtp.* settings; {@link #OFF} when smtp.host is empty (the other keys are then ignored). */
    private static final class Smtp {

        static final Smtp OFF = new Smtp("", 587, null, null, "", true, false);

        final String host;
        final int port;
        final String username;
        final Secret password;
        final String from;
        final boolean startTls;
        final boolean ssl;

        private Smtp(String host, int port, String username, Secret password, String from, boolean startTls, boolean ssl) {
            this.host = host;
            this.port = port;
            this.username = username;
            this.password = password;
            this.from = from;
            this.startTls = startTls;
            this.ssl = ssl;
        }

        static Smtp from(DinteroStoreConfig c) {
            if (c.smtp_host() == null || c.smtp_host().isBlank()) {
                return OFF;
            }
            String host = matching("smtp.host", c.smtp_host(), SMTP_HOST, "a host name or an IP address");
            if (c.smtp_port() < 1 || c.smtp_port() > 65535) {
                throw new InvalidStoreConfigException("smtp.port", "must be between 1 and 65535, was " + c.smtp_port());
            }
            boolean hasUser = c.smtp_username() != null && !c.smtp_username().isBlank();
            boolean hasPassword = c.smtp_password() != null && !c.smtp_password().isEmpty();
            if (hasPassword && !hasUser) {
                throw new InvalidStoreConfigException("smtp.username", "is required when smtp.password is set");
            }
            if (hasUser && !hasPassword) {
                throw new InvalidStoreConfigException("smtp.password", "is required when smtp.username is set");
            }
            if (c.smtp_from() == null || c.smtp_from().isBlank()) {
                throw new InvalidStoreConfigException("smtp.from", "is required when smtp.host is set");
            }
            String from = matching("smtp.from", c.smtp_from(), SMTP_FROM, "an e-mail address such as noreply@store.example.com");
            boolean ssl = c.smtp_ssl();
            boolean startTls = !ssl && c.smtp_starttls();
            if (hasUser && !ssl && !startTls && !isLoopback(host)) {
                throw new InvalidStoreConfigException("smtp.starttls",
                        "must be true (or smtp.ssl) when a password is sent to SMTP host " + host + "; plain text only on loopback");
            }
            return new Smtp(host, c.smtp_port(), hasUser ? c.smtp_username().strip() : null,
                    hasPassword ? Secret.of(c.smtp_password()) : null, from, startTls, ssl);
        }
    }
}
