package org.tillpay.dintero.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
        assertRefused("parked.poll.interval.seconds", "parked_poll_interval_seconds", 5);
        assertRefused("payment.methods", "payment_methods", "vipps,bitcoin");
        assertRefused("payment.methods", "payment_methods", " , ");
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

    // --- e-mail delivery (smtp.*)

    private static Map<String, Object> smtp(Object... more) {
        Map<String, Object> m = new java.util.HashMap<>(Map.of("smtp_host", "smtp.example.com", "smtp_from",
                "noreply@store.example.com", "smtp_username", "mailer", "smtp_password", "very-secret-smtp"));
        for (int i = 0; i < more.length; i += 2) {
            m.put((String) more[i], more[i + 1]);
        }
        return m;
    }

    private static void assertSmtpRefused(String key, Object... overrides) {
        InvalidStoreConfigException e = assertThrows(InvalidStoreConfigException.class,
                () -> StoreSettings.from(config(smtp(overrides))), key);
        assertEquals(key, e.key());
        assertTrue(e.getMessage().startsWith(key + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("very-secret"), e.getMessage());
    }

    @Test
    void emailIsOffWithoutSmtpHost() {
        StoreSettings s = StoreSettings.from(config(Map.of("smtp_from", "not an address", "smtp_port", 0)));
        assertFalse(s.emailEnabled());
        assertEquals("", s.smtpHost());
        assertEquals("", s.describe().get("smtp.host"));
        assertFalse(s.describe().containsKey("smtp.password"));
    }

    @Test
    void smtpSettingsWithDefaults() {
        StoreSettings s = StoreSettings.from(config(smtp()));
        assertTrue(s.emailEnabled());
        assertEquals("smtp.example.com", s.smtpHost());
        assertEquals(587, s.smtpPort());
        assertEquals("mailer", s.smtpUsername().orElseThrow());
        assertEquals("very-secret-smtp", s.smtpPassword().orElseThrow().reveal());
        assertEquals("noreply@store.example.com", s.smtpFrom());
        assertTrue(s.smtpStartTls());
        assertFalse(s.smtpSsl());
    }

    @Test
    void smtpsTurnsStartTlsOffAndLoginIsOptional() {
        StoreSettings s = StoreSettings.from(config(smtp("smtp_ssl", true, "smtp_port", 465)));
        assertTrue(s.smtpSsl());
        assertFalse(s.smtpStartTls());
        assertEquals(465, s.smtpPort());
        StoreSettings anonymous = StoreSettings.from(config(smtp("smtp_username", "", "smtp_password", "",
                "smtp_starttls", false, "smtp_port", 25)));
        assertTrue(anonymous.smtpUsername().isEmpty());
        assertTrue(anonymous.smtpPassword().isEmpty());
        assertEquals("", anonymous.describe().get("smtp.password"));
    }

    @Test
    void eachBrokenSmtpKeyIsNamed() {
        assertSmtpRefused("smtp.host", "smtp_host", "smtp example.com");
        assertSmtpRefused("smtp.host", "smtp_host", "smtp://smtp.example.com");
        assertSmtpRefused("smtp.host", "smtp_host", "user@smtp.example.com");
        assertSmtpRefused("smtp.port", "smtp_port", 0);
        assertSmtpRefused("smtp.port", "smtp_port", 65536);
        assertSmtpRefused("smtp.username", "smtp_username", "");
        assertSmtpRefused("smtp.password", "smtp_password", "");
        assertSmtpRefused("smtp.from", "smtp_from", "");
        assertSmtpRefused("smtp.from", "smtp_from", "noreply");
        assertSmtpRefused("smtp.from", "smtp_from", "Store <noreply@store.example.com>");
        assertSmtpRefused("smtp.starttls", "smtp_starttls", false);
    }

    @Test
    void plainSmtpLoginOnlyOnLoopback() {
        StoreSettings s = StoreSettings.from(config(smtp("smtp_host", "127.0.0.1", "smtp_starttls", false)));
        assertFalse(s.smtpStartTls());
        assertEquals("mailer", s.smtpUsername().orElseThrow());
    }

    @Test
    void smtpPasswordNeverShows() {
        StoreSettings s = StoreSettings.from(config(smtp()));
        String shown = s.toString() + s.describe() + s.smtpPassword().orElseThrow();
        assertFalse(shown.contains("very-secret"), shown);
        assertEquals("********", s.describe().get("smtp.password"));
        assertEquals("mailer", s.describe().get("smtp.username"));
        assertEquals("true", s.describe().get("smtp.starttls"));
    }

    @Test
    void settlementSettingsAreCheckedAndTheWebhookSecretNeverShows() {
        assertRefused("settlement.poll.interval.minutes", "settlement_poll_interval_minutes", -1);
        assertRefused("settlement.lookback.days", "settlement_lookback_days", 0);
        assertRefused("webhook.secret", "webhook_secret", "short");
        StoreSettings s = StoreSettings.from(config(Map.of("webhook_secret", "very-secret-webhook-key")));
        assertEquals("very-secret-webhook-key", s.settlements().webhookSecret().orElseThrow().reveal());
        assertFalse(s.toString().contains("very-secret"), s.toString());
        assertFalse(s.settlements().toString().contains("very-secret"), s.settlements().toString());
        assertEquals("60", s.describe().get("settlement.poll.interval.minutes"));
        assertTrue(StoreSettings.from(config(Map.of())).settlements().webhookSecret().isEmpty());
    }

    @Test
    void reportSettingsAreChecked() {
        assertRefused("settlement.report.email", "settlement_report_email", "not-an-address");
        assertRefused("settlement.report.email", "settlement_report_email", "books@butikk.example.no");
        assertRefused("insight.report.schedule", "insight_report_schedule", "hourly");
        assertRefused("insight.report.emails", "insight_report_emails", "a@b.example.no, nope");
        InvalidStoreConfigException e = assertThrows(InvalidStoreConfigException.class, () -> StoreSettings.from(
                config(Map.of("insight_report_emails", "a@b.example.no"))));
        assertEquals("insight.report.emails", e.key());
        StoreSettings s = StoreSettings.from(config(Map.of("smtp_host", "127.0.0.1", "smtp_from",
                "noreply@butikk.example.no", "settlement_report_email", "books@butikk.example.no",
                "insight_report_schedule", "Monthly", "insight_report_emails", "a@b.example.no, c@d.example.no")));
        assertEquals("books@butikk.example.no", s.reports().forwardTo().orElseThrow());
        assertEquals("monthly", s.reports().insightSchedule().orElseThrow());
        assertEquals(List.of("a@b.example.no", "c@d.example.no"), s.reports().insightEmails());
        assertEquals("monthly", s.describe().get("insight.report.schedule"));
        assertTrue(StoreSettings.from(config(Map.of())).reports().forwardTo().isEmpty());
    }
}
