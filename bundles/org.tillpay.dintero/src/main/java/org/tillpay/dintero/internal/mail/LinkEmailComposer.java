package org.tillpay.dintero.internal.mail;

import java.io.UnsupportedEncodingException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Date;
import java.util.Locale;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/**
 * Writes a {@link LinkEmail} as a message in plain English: a {@code multipart/alternative} with a plain-text and a
 * simple HTML part, both listing the store, the sale reference, every line, the total with VAT, the link and when it
 * expires. Amounts are written from minor units with the currency's fraction digits ({@code 1234.50 NOK}); every
 * value put into the HTML is escaped.
 */
public final class LinkEmailComposer {

    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm z", Locale.ENGLISH);
    private static final String NOTE = "You received this e-mail because a payment link was requested for this "
            + "purchase. Nothing is charged unless you complete the payment. If you did not expect it, you can ignore it.";

    private LinkEmailComposer() {
    }

    /**
     * @param email the e-mail
     * @return its subject: {@code Payment link from <store name>: <amount> <currency>}
     */
    public static String subject(LinkEmail email) {
        return "Payment link from " + email.storeName() + ": " + amount(email.totalMinor(), email.currency());
    }

    /**
     * @param email the e-mail
     * @return its plain-text part
     */
    public static String plainText(LinkEmail email) {
        StringBuilder t = new StringBuilder(512);
        t.append("Payment link from ").append(email.storeName()).append("\n\n");
        t.append("Sale reference: ").append(email.saleReference()).append("\n\n");
        for (LinkEmail.Line line : email.lines()) {
            t.append(line.quantity()).append(" x ").append(line.description()).append(": ")
                    .append(amount(line.amountMinor(), email.currency())).append('\n');
        }
        t.append('\n');
        t.append("Total: ").append(amount(email.totalMinor(), email.currency()))
                .append(" (including VAT ").append(amount(email.vatMinor(), email.currency())).append(")\n\n");
        t.append("Pay here:\n").append(email.linkUrl()).append("\n\n");
        t.append("The link expires ").append(expiry(email)).append(".\n\n");
        t.append(NOTE).append('\n');
        return t.toString();
    }

    /**
     * @param email the e-mail
     * @return its HTML part, every value escaped
     */
    public static String html(LinkEmail email) {
        StringBuilder h = new StringBuilder(2048);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"UTF-8\"><title>")
                .append(escape(subject(email))).append("</title></head>\n")
                .append("<body style=\"font-family:Arial,Helvetica,sans-serif;color:#222;\">\n")
                .append("<h2>Payment link from ").append(escape(email.storeName())).append("</h2>\n")
                .append("<p>Sale reference: <strong>").append(escape(email.saleReference())).append("</strong></p>\n")
                .append("<table cellpadding=\"4\" style=\"border-collapse:collapse;\">\n")
                .append("<thead><tr><th align=\"left\">Item</th><th align=\"right\">Qty</th><th align=\"right\">Amount</th></tr></thead>\n")
                .append("<tbody>\n");
        for (LinkEmail.Line line : email.lines()) {
            h.append("<tr><td>").append(escape(line.description())).append("</td><td align=\"right\">")
                    .append(line.quantity()).append("</td><td align=\"right\">")
                    .append(escape(amount(line.amountMinor(), email.currency()))).append("</td></tr>\n");
        }
        h.append("</tbody>\n<tfoot><tr><td colspan=\"2\"><strong>Total</strong></td><td align=\"right\"><strong>")
                .append(escape(amount(email.totalMinor(), email.currency()))).append("</strong></td></tr>\n")
                .append("<tr><td colspan=\"2\">Including VAT</td><td align=\"right\">")
                .append(escape(amount(email.vatMinor(), email.currency()))).append("</td></tr></tfoot>\n</table>\n")
                .append("<p><a href=\"").append(escape(email.linkUrl()))
                .append("\" style=\"display:inline-block;padding:10px 18px;background:#0b5cad;color:#fff;text-decoration:none;border-radius:4px;\">Pay ")
                .append(escape(amount(email.totalMinor(), email.currency()))).append("</a></p>\n")
                .append("<p>Or open this link: <a href=\"").append(escape(email.linkUrl())).append("\">")
                .append(escape(email.linkUrl())).append("</a></p>\n")
                .append("<p>The link expires ").append(escape(expiry(email))).append(".</p>\n")
                .append("<p style=\"color:#666;font-size:small;\">").append(escape(NOTE)).append("</p>\n")
                .append("</body></html>\n");
        return h.toString();
    }

    /**
     * Builds the MIME message: From the store's sender address with the store's name, To the customer.
     *
     * @param session the Jakarta Mail session
     * @param email the e-mail
     * @param from the sender address (the store's {@code smtp.from})
     * @return the message, ready to send
     * @throws MessagingException if Jakarta Mail refuses an address or a part
     */
    static MimeMessage mimeMessage(Session session, LinkEmail email, String from) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        try {
            message.setFrom(new InternetAddress(from, email.storeName(), StandardCharsets.UTF_8.name()));
        } catch (UnsupportedEncodingException cannot) {
            throw new IllegalStateException(cannot);
        }
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(email.to(), true));
        message.setSubject(subject(email), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        MimeBodyPart text = new MimeBodyPart();
        text.setText(plainText(email), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(html(email), StandardCharsets.UTF_8.name(), "html");
        // the plainest first, the preferred last (RFC 2046 §5.1.4)
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        return message;
    }

    /**
     * @param minor an amount in minor units
     * @param currency its currency
     * @return e.g. {@code 1234.50 NOK} (no grouping, a point before the fraction digits)
     */
    public static String amount(long minor, Currency currency) {
        int digits = Math.max(0, currency.getDefaultFractionDigits());
        return BigDecimal.valueOf(minor, digits).toPlainString() + " " + currency.getCurrencyCode();
    }

    private static String expiry(LinkEmail email) {
        return EXPIRY.format(email.expiresAt().atZone(email.zone()));
    }

    /**
     * @param s any text
     * @return the text safe inside HTML element content and double- or single-quoted attributes
     */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
