package org.tillpay.dintero.internal.mail;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Properties;

import javax.net.ssl.SSLException;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mail.MailConstants;
import org.apache.camel.model.RouteDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.dintero.internal.config.StoreSettings;
import org.tillpay.dintero.internal.mail.EmailResult.Failure;

/**
 * The payment-link e-mail route, {@value #SEND_LINK}: takes a {@link MailJob}, writes the message with
 * {@link LinkEmailComposer} and sends it through camel-mail to the store's own SMTP server ({@link SmtpSender}).
 * Answers with a {@link EmailResult}; an SMTP failure becomes a failed result with a reason free of secrets.
 * <p>
 * No redelivery: an e-mail send is not idempotent (the server may have taken the message before the failure showed),
 * so a retry could send the customer the link twice.
 */
public final class MailRoutes extends RouteBuilder {

    /** The route's endpoint. */
    public static final String SEND_LINK = "direct:tillpay-mail-link";

    /** Exchange property holding the {@link MailJob}. */
    static final String JOB = "tillpayMailJob";

    /** Exchange property holding the sending store's {@code StoreSettings}, for {@link SmtpSender}. */
    static final String SETTINGS = "tillpayMailStore";

    private static final Logger LOG = LoggerFactory.getLogger(MailRoutes.class);
    private static final int MAX_DETAIL = 300;

    @Override
    public void configure() {
        RouteDefinition route = from(SEND_LINK).routeId("tillpay-mail-link");
        route.onException(Exception.class)
                .maximumRedeliveries(0)
                .logHandled(false).logExhausted(false).logStackTrace(false).logRetryAttempted(false)
                .handled(true).process(MailRoutes::toFailure)
                .end();
        route.process(MailRoutes::compose)
                .process(new SmtpSender())
                .process(MailRoutes::toSent);
    }

    private static void compose(Exchange exchange) throws MessagingException, InvalidPayloadException {
        MailJob job = exchange.getIn().getMandatoryBody(MailJob.class);
        exchange.setProperty(JOB, job);
        exchange.setProperty(SETTINGS, job.settings());
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        // Jakarta Mail and Activation find their providers through the context class loader: use this bundle's
        Thread.currentThread().setContextClassLoader(MailRoutes.class.getClassLoader());
        try {
            Properties props = new Properties();
            // the Message-ID's domain comes from mail.from; without it Jakarta Mail looks up the local host name
            props.setProperty("mail.from", job.settings().smtpFrom());
            MimeMessage message = LinkEmailComposer.mimeMessage(Session.getInstance(props), job.email(),
                    job.settings().smtpFrom());
            exchange.getIn().removeHeaders("*");
            exchange.getIn().setBody(message);
        } finally {
            Thread.currentThread().setContextClassLoader(tccl);
        }
    }

    private static void toSent(Exchange exchange) {
        MailJob job = exchange.getProperty(JOB, MailJob.class);
        String messageId = exchange.getIn().getHeader(MailConstants.MAIL_MESSAGE_ID, String.class);
        LOG.info("store {} sale {}: payment link e-mailed through {}:{} (Message-ID {})", job.settings().storeId(),
                job.email().saleReference(), job.settings().smtpHost(), job.settings().smtpPort(), messageId);
        exchange.getMessage().setBody(EmailResult.sent(messageId));
    }

    private static void toFailure(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        MailJob job = exchange.getProperty(JOB, MailJob.class);
        EmailResult result;
        if (job == null) {
            result = EmailResult.failed(Failure.UNKNOWN, "no e-mail to send (" + (cause == null ? "no body"
                    : cause.getClass().getSimpleName()) + ")");
            LOG.warn("payment link e-mail not sent: {}", result.reason().orElse(""));
        } else {
            result = failure(cause, job.settings());
            LOG.warn("store {} sale {}: payment link e-mail not sent ({}): {}", job.settings().storeId(),
                    job.email().saleReference(), result.failure().orElse(Failure.UNKNOWN), result.reason().orElse(""));
        }
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(result);
    }

    /**
     * Classifies a failure and writes a reason that names the server and the cause but never the password.
     *
     * @param cause what went wrong
     * @param s the store's settings
     * @return the failed result
     */
    static EmailResult failure(Throwable cause, StoreSettings s) {
        String server = "SMTP server " + s.smtpHost() + ":" + s.smtpPort();
        String detail = safe(detail(cause), s);
        if (find(cause, AuthenticationFailedException.class) != null) {
            return EmailResult.failed(Failure.AUTHENTICATION, server + " refused the login (check smtp.username and "
                    + "smtp.password): " + detail);
        }
        if (find(cause, AddressException.class) != null) {
            return EmailResult.failed(Failure.INVALID_MESSAGE, "the e-mail could not be addressed: " + detail);
        }
        if (find(cause, SendFailedException.class) != null) {
            return EmailResult.failed(Failure.REFUSED, server + " refused the message: " + detail);
        }
        if (find(cause, SSLException.class) != null) {
            return EmailResult.failed(Failure.REFUSED, "TLS with " + server + " failed: " + detail);
        }
        Throwable io = firstOf(cause, ConnectException.class, UnknownHostException.class, NoRouteToHostException.class,
                SocketTimeoutException.class);
        if (io != null || (cause instanceof MessagingException && find(cause, IOException.class) != null)) {
            return EmailResult.failed(Failure.UNREACHABLE, server + " could not be reached: " + detail);
        }
        if (cause != null && String.valueOf(cause.getMessage()).contains("STARTTLS")) {
            return EmailResult.failed(Failure.REFUSED, server + " does not offer STARTTLS, which smtp.starttls "
                    + "requires: " + detail);
        }
        if (find(cause, MessagingException.class) != null) {
            return EmailResult.failed(Failure.REFUSED, server + " did not take the message: " + detail);
        }
        return EmailResult.failed(Failure.UNKNOWN, "the e-mail was not sent through " + server + ": " + detail);
    }

    /** The innermost cause's class and first message line. */
    private static String detail(Throwable cause) {
        if (cause == null) {
            return "unknown error";
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage();
        if (root != cause && cause.getMessage() != null && !cause.getMessage().isBlank()) {
            message = cause.getMessage() + (message.isEmpty() ? "" : " (" + message + ")");
        }
        return root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    /** One line, bounded, with the password (should a server ever echo it) masked. */
    private static String safe(String text, StoreSettings s) {
        String t = text.replaceAll("[\\r\\n\\t]+", " ").strip();
        if (s.smtpPassword().isPresent()) {
            String password = s.smtpPassword().get().reveal();
            if (!password.isEmpty()) {
                t = t.replace(password, "********");
            }
        }
        return t.length() > MAX_DETAIL ? t.substring(0, MAX_DETAIL) + "..." : t;
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    @SafeVarargs
    private static Throwable firstOf(Throwable t, Class<? extends Throwable>... types) {
        for (Class<? extends Throwable> type : types) {
            Throwable found = find(t, type);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
