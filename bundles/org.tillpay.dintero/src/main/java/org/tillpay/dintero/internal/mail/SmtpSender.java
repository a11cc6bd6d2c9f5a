package org.tillpay.dintero.internal.mail;

import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.component.mail.MailComponent;
import org.apache.camel.component.mail.MailConfiguration;
import org.apache.camel.component.mail.MailEndpoint;
import org.apache.camel.support.service.ServiceHelper;
import org.tillpay.dintero.internal.config.StoreSettings;

/**
 * Sends the exchange's {@code MimeMessage} body, for the store in the exchange property {@value MailRoutes#SETTINGS},
 * through a camel-mail SMTP endpoint built for this one call from the
 * store's settings. The endpoint is configured as an object, never from a URI, so the password is in no endpoint URI
 * and so in no log line; the endpoint's URI is just {@code smtp://host:port}.
 * <p>
 * An SMTP failure is left on the exchange by camel-mail's producer for the route's error handler.
 */
final class SmtpSender implements Processor {

    /** Connect and read timeout towards the SMTP server. */
    static final int TIMEOUT_MS = 15_000;

    @Override
    public void process(Exchange exchange) throws Exception {
        StoreSettings settings = exchange.getProperty(MailRoutes.SETTINGS, StoreSettings.class);
        MailEndpoint endpoint = endpoint(exchange.getContext(), settings);
        Producer producer = endpoint.createProducer();
        try {
            ServiceHelper.startService(endpoint, producer);
            producer.process(exchange);
        } finally {
            ServiceHelper.stopService(producer, endpoint);
        }
    }

    /**
     * @param camel the context
     * @param s the store's settings, e-mail enabled
     * @return an SMTP(S) endpoint for exactly these settings, not registered in the context
     */
    static MailEndpoint endpoint(CamelContext camel, StoreSettings s) {
        String protocol = s.smtpSsl() ? "smtps" : "smtp";
        MailComponent component = camel.getComponent(protocol, MailComponent.class);
        MailConfiguration config = new MailConfiguration(camel);
        config.configureProtocol(protocol);
        config.setHost(s.smtpHost());
        config.setPort(s.smtpPort());
        config.setConnectionTimeout(TIMEOUT_MS);
        s.smtpUsername().ifPresent(config::setUsername);
        s.smtpPassword().ifPresent(p -> config.setPassword(p.reveal()));
        Properties extra = new Properties();
        if (s.smtpStartTls()) {
            // required, not just enabled: never fall back to sending the login or the link in the clear
            extra.setProperty("mail.smtp.starttls.enable", "true");
            extra.setProperty("mail.smtp.starttls.required", "true");
        }
        extra.setProperty("mail." + protocol + ".ssl.checkserveridentity", "true");
        config.setAdditionalJavaMailProperties(extra);
        return new MailEndpoint(protocol + "://" + s.smtpHost() + ":" + s.smtpPort(), component, config);
    }
}
