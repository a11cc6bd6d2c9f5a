package org.tillpay.dintero.internal.config;

import java.net.URI;
import java.util.Locale;

/**
 * A Dintero partner's validated, immutable settings (see {@link DinteroPartnerConfig}); a bad value is refused with
 * an {@link InvalidStoreConfigException} naming the key. The client secret is held as a {@link Secret}.
 *
 * @param partnerId the partner's account id
 * @param clientId the partner's API client id
 * @param clientSecret its secret
 * @param apiBaseUrl Dintero's core API host, without trailing slash
 * @param checkoutBaseUrl Dintero's checkout host, without trailing slash
 * @param callbackBaseUrl how Dintero reaches this Karaf, without trailing slash
 * @param merchantAudienceIsPartner true when the merchant token's audience is the partner's account URL
 */
public record PartnerSettings(String partnerId, String clientId, Secret clientSecret, URI apiBaseUrl,
        URI checkoutBaseUrl, URI callbackBaseUrl, boolean merchantAudienceIsPartner) {

    /**
     * @param c the raw configuration
     * @return the validated settings
     * @throws InvalidStoreConfigException naming the first key that is wrong
     */
    public static PartnerSettings from(DinteroPartnerConfig c) {
        String partner = StoreSettings.matching("partner.id", c.partner_id(), StoreSettings.ACCOUNT_ID,
                "T (test) or P (production) followed by 8 digits");
        String audience = c.merchant_token_audience() == null ? "merchant"
                : c.merchant_token_audience().strip().toLowerCase(Locale.ROOT);
        if (!audience.equals("merchant") && !audience.equals("partner")) {
            throw new InvalidStoreConfigException("merchant.token.audience", "must be merchant or partner, was '"
                    + audience + "'");
        }
        return new PartnerSettings(partner, StoreSettings.required("client.id", c.client_id()),
                Secret.of(StoreSettings.required("client.secret", c.client_secret())),
                StoreSettings.baseUrl("api.base.url", c.api_base_url()),
                StoreSettings.baseUrl("checkout.base.url", c.checkout_base_url()),
                StoreSettings.baseUrl("callback.base.url", c.callback_base_url()), audience.equals("partner"));
    }

    /** @return true for a test (T) partner account: it can onboard only test merchant accounts */
    public boolean isTest() {
        return partnerId.startsWith("T");
    }

    /** @return Dintero's URL of an account, the audience of its tokens */
    public static String accountAudience(String accountId) {
        return "https://api.dintero.com/v1/accounts/" + accountId;
    }

    @Override
    public String toString() {
        return "PartnerSettings[" + partnerId + ", client " + clientId + ", secret " + clientSecret.masked() + ", "
                + apiBaseUrl + "]";
    }
}
