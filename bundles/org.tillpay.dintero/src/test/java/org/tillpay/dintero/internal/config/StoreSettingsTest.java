package org.tillpay.dintero.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tillpay.dintero.internal.TestStores;

/** Store settings validation: every broken key is named, secrets never show. */
class StoreSettingsTest {

    static DinteroStoreConfig config(Map<String, Object> overrides) {
        return TestStores.config(overrides);
    }

    private static void assertRefused(String key, String attribute, Object value) {
        InvalidStoreConfigException e = assertThrows(InvalidStoreConfigException.class,
                () -> StoreSettings.from(config(Map.of(attribute, value))), key);
        assertEquals(key, e.key());
        assertTrue(e.getMessage().startsWith(key + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("very-secret"), e.getMessage());
    }

    @Test
    void validConfigurationBecomesSettings() {
        StoreSettings s = StoreSettings.from(config(Map.of()));
        assertEquals("012", s.storeId());
        assertEquals("T12345678", s.accountId());
        assertTrue(s.isTestAccount());
        assertEquals("https://checkout.dintero.com", s.checkoutBaseUrl().toString());
        assertEquals("https://api.dintero.com/v1/accounts/T12345678", s.tokenAudience());
        assertEquals("very-secret-client", s.clientSecret().reveal());
    }

    @Test
    void eachBrokenKeyIsNamed() {
        assertRefused("store.id", "store_id", "");
        assertRefused("store.id", "store_id", "0 12");
        assertRefused("account.id", "account_id", "X12345678");
        assertRefused("account.id", "account_id", "T1234567");
        assertRefused("account.id", "account_id", "P123456789");
        assertRefused("client.id", "client_id", " ");
        assertRefused("client.secret", "client_secret", "");
        assertRefused("signature.secret", "signature_secret", "");
        assertRefused("profile.id", "profile_id", "de\nfault");
        assertRefused("api.base.url", "api_base_url", "ftp://api.dintero.com");
        assertRefused("checkout.base.url", "checkout_base_url", "http://checkout.dintero.com");
        assertRefused("callback.base.url", "callback_base_url", "not a url");
        assertRefused("callback.base.url", "callback_base_url", "https://pos.example.com/?x=1");
        assertRefused("accounting.number", "accounting_number", "");
        assertRefused("poll.interval.seconds", "poll_interval_seconds", -1);
    }

    @Test
    void plainHttpOnlyOnLoopback() {
        StoreSettings s = StoreSettings.from(config(Map.of("checkout_base_url", "http://127.0.0.1:8181/dintero-emulator/checkout",
                "callback_base_url", "http://localhost:8181")));
        assertEquals("http://127.0.0.1:8181/dintero-emulator/checkout", s.checkoutBaseUrl().toString());
    }

    @Test
    void secretsNeverShow() {
        StoreSettings s = StoreSettings.from(config(Map.of()));
        String shown = s.toString() + s.describe() + s.clientSecret() + s.signatureSecret();
        assertFalse(shown.contains("very-secret"), shown);
        assertEquals("********", s.describe().get("client.secret"));
        assertEquals("********", s.describe().get("signature.secret"));
    }
}
