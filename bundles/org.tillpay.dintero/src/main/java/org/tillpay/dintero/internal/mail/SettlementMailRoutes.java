package org.tillpay.dintero.internal.mail;

import java.util.Date;
import java.util.Properties;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mail.MailConstants;
import org.apache.camel.model.RouteDefinition;
import org.tillpay.dintero.internal.config.StoreSettings;

/**
 * The settlement-report e-mail route, {@value #SEND_REPORT}: takes a {@link ReportJob}, writes a
 * {@code multipart/mixed} message (the summary, then each file as an attachment) and sends it through camel-mail
 * to the store's own SMTP server ({@link SmtpSender}). Answers with an {@link EmailResult}.
 * <p>
 * No redelivery here: the caller records a report as sent only on success and sends an unsent one again at its next
 * fetch, so a report is never lost; a crash between the send and the record can send it twice.
 */
public final class SettlementMailRoutes extends RouteBuilder {

    /** The route's endpoint. */
    public static final String SEND_REPORT = "direct:tillpay-mail-settlement";

    /**
     * The body sent to {@link #SEND_REPORT}.
     *
     * @param settings the sending store's settings, e-mail enabled
     * @param email the report e-mail
     */
    public record ReportJob(StoreSettings settings, SettlementReportEmail email) {
    }

    @Override
    public void configure() {
        RouteDefinition route = from(SEND_REPORT).routeId("tillpay-mail-settlement");
        route.onException(Exception.class)
                .maximumRedeliveries(0)
                .logHandled(false).logExhausted(false).logStackTrace(false).logRetryAttempted(false)
                .handled(true).process(SettlementMailRoutes::toFailure)
                .end();
        route.process(SettlementMailRoutes::compose)
                .process(new SmtpSender())
                .process(SettlementMailRoutes::toSent);
    }

    private static void compose(Exchange exchange) throws MessagingException, InvalidPayloadException {
        ReportJob job = exchange.getIn().getMandatoryBody(ReportJob.class);
        exchange.setProperty(MailRoutes.SETTINGS, job.settings());
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        // Jakarta Mail and Activation find their providers through the context class loader: use this bundle's
        Thread.currentThread().setContextClassLoader(SettlementMailRoutes.class.getClassLoader());
        try {
            exchange.getIn().removeHeaders("*");
            exchange.getIn().setBody(message(job));
        } finally {
            Thread.currentThread().setContextClassLoader(tccl);
        }
    }

    /** @return the message: summary text and one attachment per file */
    static MimeMessage message(ReportJob job) throws MessagingException {
        Properties props = new Properties();
        props.setProperty("mail.from", job.settings().smtpFrom());
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        SettlementReportEmail email = job.email();
        message.setFrom(new InternetAddress(job.settings().smtpFrom()));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(email.recipient(), true));
        message.setSubject(email.subject(), "UTF-8");
        message.setSentDate(new Date());
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(email.text(), "UTF-8");
        mixed.addBodyPart(text);
        for (SettlementReportEmail.File f : email.files()) {
            MimeBodyPart part = new MimeBodyPart();
            part.setDataHandler(new DataHandler(new ByteArrayDataSource(f.bytes(), f.contentType())));
            part.setFileName(f.fileName());
            part.setDisposition(MimeBodyPart.ATTACHMENT);
            // base64 for every file, text too: the recipient gets Dintero's bytes exactly, line endings included
            part.setHeader("Content-Transfer-Encoding", "base64");
            mixed.addBodyPart(part);
        }
        message.setContent(mixed);
        message.saveChanges();
        return message;
    }

    /** The caller logs the outcome, with the store and the settlement. */
    private static void toSent(Exchange exchange) {
        String messageId = exchange.getIn().getHeader(MailConstants.MAIL_MESSAGE_ID, String.class);
        exchange.getMessage().setBody(EmailResult.sent(messageId));
    }

    private static void toFailure(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        StoreSettings settings = exchange.getProperty(MailRoutes.SETTINGS, StoreSettings.class);
        EmailResult result = settings == null
                ? EmailResult.failed(EmailResult.Failure.UNKNOWN, "no settlement report to send")
                : MailRoutes.failure(cause, settings);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(result);
    }
}
