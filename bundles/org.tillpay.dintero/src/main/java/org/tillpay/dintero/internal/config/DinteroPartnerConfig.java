package org.tillpay.dintero.internal.config;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A Dintero partner's credentials, configured once: factory PID {@value #PID}, one
 * {@code etc/org.tillpay.dintero.partner-<name>.cfg} per partner account (test and production are two). Validated into
 * {@link PartnerSettings}. The client secret belongs in the secrets directory, named here as
 * {@code $[secret:<file>]}, like a store's.
 */
@ObjectClassDefinition(name = "Tillpay Dintero partner", description = "A Dintero partner account that onboards stores")
public @interface DinteroPartnerConfig {

    /** The factory PID. */
    String PID = "org.tillpay.dintero.partner";

    /** @return the partner's Dintero account id: T or P and 8 digits */
    @AttributeDefinition(name = "Partner account id", description = "T11200000 (test) or P11200000 (production)")
    String partner_id();

    /** @return the partner's own API client id */
    @AttributeDefinition(name = "Client id")
    String client_id();

    /** @return the partner's own API client secret */
    @AttributeDefinition(name = "Client secret", type = AttributeType.PASSWORD)
    String client_secret();

    /** @return Dintero's core API host */
    @AttributeDefinition(name = "API base URL", required = false)
    String api_base_url() default "https://api.dintero.com";

    /** @return Dintero's checkout API host */
    @AttributeDefinition(name = "Checkout base URL", required = false)
    String checkout_base_url() default "https://checkout.dintero.com";

    /** @return how Dintero reaches this Karaf, written into each onboarded store's configuration */
    @AttributeDefinition(name = "Callback base URL", description = "How Dintero reaches this Karaf, e.g. https://pos-gw.example.com")
    String callback_base_url();

    /** @return merchant or partner: which account URL the merchant token asks for (Dintero's docs disagree) */
    @AttributeDefinition(name = "Merchant token audience", required = false,
            description = "merchant (the merchant's account URL) or partner (the partner's), see API.md 11.3")
    String merchant_token_audience() default "merchant";

    /** @return Karaf's name hint for the web console */
    String webconsole_configurationFactory_nameHint() default "{partner.id}";
}
