package org.tillpay.dintero.internal;

import java.lang.annotation.Annotation;
import java.util.HashMap;
import java.util.Map;

import org.tillpay.dintero.internal.config.DinteroStoreConfig;
import org.tillpay.dintero.internal.config.StoreSettings;

/** Store configurations for tests: valid by default, any key overridden. */
public final class TestStores {

    private TestStores() {
    }

    /**
     * @param overrides attribute names as in {@link DinteroStoreConfig} (underscores), with their values
     * @return a configuration as SCR would hand it over
     */
    public static DinteroStoreConfig config(Map<String, Object> overrides) {
        Map<String, Object> v = new HashMap<>();
        v.put("store_id", "012");
        v.put("store_name", "Butikk Storgata");
        v.put("account_id", "T12345678");
        v.put("client_id", "client-012");
        v.put("client_secret", "very-secret-client");
        v.put("signature_secret", "very-secret-signature");
        v.put("profile_id", "default");
        v.put("api_base_url", "https://api.dintero.com");
        v.put("checkout_base_url", "https://checkout.dintero.com/");
        v.put("callback_base_url", "https://pos-gw.example.com");
        v.put("accounting_number", "1920");
        v.put("poll_interval_seconds", 5);
        v.put("parked_poll_interval_seconds", 300);
        v.put("settlement_poll_interval_minutes", 60);
        v.put("settlement_lookback_days", 7);
        v.put("webhook_secret", "");
        v.put("payment_methods", "vipps,mobilepay,swish,klarna,walley,billie,card,applepay,googlepay");
        // e-mail delivery: off unless smtp_host is overridden
        v.put("smtp_host", "");
        v.put("smtp_port", 587);
        v.put("smtp_username", "");
        v.put("smtp_password", "");
        v.put("smtp_from", "");
        v.put("smtp_starttls", true);
        v.put("smtp_ssl", false);
        v.put("settlement_report_email", "");
        v.put("insight_report_schedule", "");
        v.put("insight_report_emails", "");
        v.putAll(overrides);
        return new DinteroStoreConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return DinteroStoreConfig.class;
            }

            @Override public String store_id() { return (String) v.get("store_id"); }
            @Override public String store_name() { return (String) v.get("store_name"); }
            @Override public String account_id() { return (String) v.get("account_id"); }
            @Override public String client_id() { return (String) v.get("client_id"); }
            @Override public String client_secret() { return (String) v.get("client_secret"); }
            @Override public String signature_secret() { return (String) v.get("signature_secret"); }
            @Override public String profile_id() { return (String) v.get("profile_id"); }
            @Override public String api_base_url() { return (String) v.get("api_base_url"); }
            @Override public String checkout_base_url() { return (String) v.get("checkout_base_url"); }
            @Override public String callback_base_url() { return (String) v.get("callback_base_url"); }
            @Override public String accounting_number() { return (String) v.get("accounting_number"); }
            @Override public int poll_interval_seconds() { return (Integer) v.get("poll_interval_seconds"); }
            @Override public int parked_poll_interval_seconds() { return (Integer) v.get("parked_poll_interval_seconds"); }
            @Override public int settlement_poll_interval_minutes() { return (Integer) v.get("settlement_poll_interval_minutes"); }
            @Override public int settlement_lookback_days() { return (Integer) v.get("settlement_lookback_days"); }
            @Override public String webhook_secret() { return (String) v.get("webhook_secret"); }
            @Override public String payment_methods() { return (String) v.get("payment_methods"); }
            @Override public String webconsole_configurationFactory_nameHint() { return "{store.id}"; }
            @Override public String smtp_host() { return (String) v.get("smtp_host"); }
            @Override public int smtp_port() { return (Integer) v.get("smtp_port"); }
            @Override public String smtp_username() { return (String) v.get("smtp_username"); }
            @Override public String smtp_password() { return (String) v.get("smtp_password"); }
            @Override public String smtp_from() { return (String) v.get("smtp_from"); }
            @Override public boolean smtp_starttls() { return (Boolean) v.get("smtp_starttls"); }
            @Override public boolean smtp_ssl() { return (Boolean) v.get("smtp_ssl"); }
            @Override public String settlement_report_email() { return (String) v.get("settlement_report_email"); }
            @Override public String insight_report_schedule() { return (String) v.get("insight_report_schedule"); }
            @Override public String insight_report_emails() { return (String) v.get("insight_report_emails"); }
        };
    }

    /**
     * @param accountId the Dintero account
     * @param clientId its client id
     * @param clientSecret its client secret
     * @param signatureSecret its callback secret
     * @param apiBase the API base URL
     * @param checkoutBase the checkout base URL
     * @param callbackBase our public base URL
     * @return validated settings of store 012
     */
    public static StoreSettings settings(String accountId, String clientId, String clientSecret, String signatureSecret,
            String apiBase, String checkoutBase, String callbackBase) {
        return StoreSettings.from(config(Map.of("account_id", accountId, "client_id", clientId, "client_secret",
                clientSecret, "signature_secret", signatureSecret, "api_base_url", apiBase, "checkout_base_url",
                checkoutBase, "callback_base_url", callbackBase)));
    }

    /** @return a partner configuration for the emulator's partner account */
    public static org.tillpay.dintero.internal.config.DinteroPartnerConfig partnerConfig(String partnerId,
            String clientId, String clientSecret, String apiBase, String checkoutBase) {
        return new org.tillpay.dintero.internal.config.DinteroPartnerConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return org.tillpay.dintero.internal.config.DinteroPartnerConfig.class;
            }

            @Override public String partner_id() { return partnerId; }
            @Override public String client_id() { return clientId; }
            @Override public String client_secret() { return clientSecret; }
            @Override public String api_base_url() { return apiBase; }
            @Override public String checkout_base_url() { return checkoutBase; }
            @Override public String callback_base_url() { return "http://127.0.0.1:1"; }
            @Override public String merchant_token_audience() { return "merchant"; }
            @Override public String webconsole_configurationFactory_nameHint() { return "{partner.id}"; }
        };
    }
}
