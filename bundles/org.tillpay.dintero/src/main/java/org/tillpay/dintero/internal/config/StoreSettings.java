package org.tillpay.dintero.internal.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One store's validated, immutable Dintero settings. Built from {@link DinteroStoreConfig} by {@link #from}; a bad
 * value is refused with an {@link InvalidStoreConfigException} naming the key. Secrets are held as {@link Secret}s.
 */
public final class StoreSettings {

    private static final Pattern STORE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern ACCOUNT_ID = Pattern.compile("[TP][0-9]{8}");
    private static final Pattern PROFILE_ID = Pattern.compile("\\S(.{0,126}\\S)?");

    private final String storeId;
    private final String storeName;
    private final String accountId;
    private final String clientId;
    private final Secret clientSecret;
    private final Secret signatureSecret;
    private final String profileId;
    private final URI apiBaseUrl;
    private final URI checkoutBaseUrl;
    private final URI callbackBaseUrl;
    private final String accountingNumber;
    private final int pollIntervalSeconds;

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
    }

    /**
     * @param config the raw configuration
     * @return the validated settings
     * @throws InvalidStoreConfigException naming the first key that is wrong
     */
    public static StoreSettings from(DinteroStoreConfig config) {
        return new StoreSettings(config);
    }

    private static String required(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidStoreConfigException(key, "is required");
        }
        return value.strip();
    }

    private static String matching(String key, String value, Pattern pattern, String rule) {
        String v = required(key, value);
        if (!pattern.matcher(v).matches()) {
            throw new InvalidStoreConfigException(key, "must be " + rule + ", was '" + v + "'");
        }
        return v;
    }

    /** HTTPS everywhere, except plain HTTP to a loopback host (the embedded emulator). */
    private static URI baseUrl(String key, String value) {
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
        return java.util.Collections.unmodifiableMap(m);
    }

    @Override
    public String toString() {
        return "StoreSettings" + describe();
    }
}
