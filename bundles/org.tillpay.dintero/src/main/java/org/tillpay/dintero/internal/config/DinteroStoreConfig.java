package org.tillpay.dintero.internal.config;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One store's Dintero settings: factory PID {@value #PID}, one {@code etc/org.tillpay.dintero.store-<name>.cfg}
 * file per store. Validated into {@link StoreSettings} when the store activates.
 */
@ObjectClassDefinition(name = "Tillpay Dintero store", description = "Dintero payment links for one store")
public @interface DinteroStoreConfig {

    /** The factory PID. */
    String PID = "org.tillpay.dintero.store";

    /** @return the store id, as the host POS knows the store */
    @AttributeDefinition(name = "Store id", description = "The store id used by the POS, e.g. 012")
    String store_id();

    /** @return the store's name, shown to the customer */
    @AttributeDefinition(name = "Store name", required = false)
    String store_name() default "";

    /** @return the Dintero account id: T (test) or P (production) and 8 digits */
    @AttributeDefinition(name = "Dintero account id", description = "T12345678 (test) or P12345678 (production)")
    String account_id();

    /** @return the API client id */
    @AttributeDefinition(name = "Client id")
    String client_id();

    /** @return the API client secret */
    @AttributeDefinition(name = "Client secret", type = AttributeType.PASSWORD)
    String client_secret();

    /** @return the secret Dintero signs callbacks with */
    @AttributeDefinition(name = "Callback signature secret", type = AttributeType.PASSWORD)
    String signature_secret();

    /** @return the payment profile id */
    @AttributeDefinition(name = "Payment profile id")
    String profile_id() default "default";

    /** @return the base URL of Dintero's core API host */
    @AttributeDefinition(name = "Dintero API base URL")
    String api_base_url() default "https://api.dintero.com";

    /** @return the base URL of Dintero's checkout host */
    @AttributeDefinition(name = "Dintero checkout base URL")
    String checkout_base_url() default "https://checkout.dintero.com";

    /** @return the public base URL at which Dintero reaches this Karaf */
    @AttributeDefinition(name = "Public callback base URL",
            description = "How Dintero reaches this Karaf, e.g. https://pos-gw.example.com (HTTPS; plain HTTP only on loopback)")
    String callback_base_url();

    /** @return the store's accounting number for Dintero payments */
    @AttributeDefinition(name = "Accounting number")
    String accounting_number();

    /** @return seconds between status read-backs of pending payments; 0 turns the poller off */
    @AttributeDefinition(name = "Poll interval (s)", min = "0", max = "3600")
    int poll_interval_seconds() default 5;

    /** @return Karaf's name hint for the web console */
    String webconsole_configurationFactory_nameHint() default "{store.id}";
}
