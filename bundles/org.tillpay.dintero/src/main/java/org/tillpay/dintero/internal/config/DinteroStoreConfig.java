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

    /** @return seconds between read-backs of a parked sale's payment */
    @AttributeDefinition(name = "Parked poll interval (s)", min = "10", max = "86400")
    int parked_poll_interval_seconds() default 300;

    /** @return the payment methods the store offers (vipps, mobilepay, swish, klarna, walley, billie, card, applepay, googlepay) */
    @AttributeDefinition(name = "Payment methods", description = "Comma list of the methods the store offers; must match the store's Dintero profile and connections")
    String payment_methods() default "vipps,mobilepay,swish,klarna,walley,billie,card,applepay,googlepay";

    /** @return minutes between scheduled settlement fetches; 0 turns the schedule off */
    @AttributeDefinition(name = "Settlement fetch interval (min)", min = "0", max = "10080")
    int settlement_poll_interval_minutes() default 60;

    /** @return how many days before the last fetch each settlement fetch looks back */
    @AttributeDefinition(name = "Settlement look-back (days)", min = "1", max = "366")
    int settlement_lookback_days() default 7;

    /** @return the secret of the webhook subscriptions (settlement_add, checkout_transaction); empty for none */
    @AttributeDefinition(name = "Webhook secret", type = AttributeType.PASSWORD, required = false,
            description = "Signs Dintero's settlement_add and checkout_transaction webhooks (HMAC-SHA1); set it to"
                    + " have Tillpay subscribe")
    String webhook_secret() default "";

    /** @return the address every new settlement report is e-mailed to (needs smtp.host); empty for none */
    @AttributeDefinition(name = "Settlement report recipient", required = false,
            description = "E-mail address each new Dintero settlement report is forwarded to, with its files, through"
                    + " the store's SMTP server (smtp.*); empty: no forwarding")
    String settlement_report_email() default "";

    /** @return daily, weekly or monthly: Dintero makes an Insight report of the store's transactions; empty for none */
    @AttributeDefinition(name = "Insight report schedule", required = false,
            description = "daily, weekly or monthly: Tillpay sets up Dintero's Insight report of this store's"
                    + " transactions on that schedule; empty: none")
    String insight_report_schedule() default "";

    /** @return comma list of addresses Dintero e-mails the Insight report to */
    @AttributeDefinition(name = "Insight report recipients", required = false,
            description = "Comma list of e-mail addresses Dintero sends the Insight report to; may be empty")
    String insight_report_emails() default "";

    /** @return Karaf's name hint for the web console */
    String webconsole_configurationFactory_nameHint() default "{store.id}";

    // --- Payment link by e-mail: the store's own SMTP server (all optional; e-mail is off while smtp.host is empty)

    /** @return the SMTP server's host name; empty turns e-mail delivery of the link off */
    @AttributeDefinition(name = "SMTP host", required = false,
            description = "The store's SMTP server for sending payment links by e-mail; empty: no e-mail delivery")
    String smtp_host() default "";

    /** @return the SMTP server's port */
    @AttributeDefinition(name = "SMTP port", min = "1", max = "65535", required = false,
            description = "587 (submission with STARTTLS), 465 (SMTPS, with smtp.ssl) or 25")
    int smtp_port() default 587;

    /** @return the SMTP user name; empty when the server needs no login */
    @AttributeDefinition(name = "SMTP user name", required = false)
    String smtp_username() default "";

    /** @return the SMTP password */
    @AttributeDefinition(name = "SMTP password", type = AttributeType.PASSWORD, required = false)
    String smtp_password() default "";

    /** @return the sender address of payment-link e-mails; required when smtp.host is set */
    @AttributeDefinition(name = "E-mail sender address", required = false,
            description = "From address of payment-link e-mails, e.g. noreply@store.example.com")
    String smtp_from() default "";

    /** @return true to require STARTTLS on a plain SMTP connection */
    @AttributeDefinition(name = "SMTP STARTTLS", required = false,
            description = "Require STARTTLS (ignored with smtp.ssl); never send credentials in the clear")
    boolean smtp_starttls() default true;

    /** @return true to connect with SMTPS (TLS from the start, usually port 465) */
    @AttributeDefinition(name = "SMTP over SSL/TLS (SMTPS)", required = false)
    boolean smtp_ssl() default false;
}
