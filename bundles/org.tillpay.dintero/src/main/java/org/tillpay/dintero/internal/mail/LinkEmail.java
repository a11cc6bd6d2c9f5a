package org.tillpay.dintero.internal.mail;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import org.tillpay.payment.api.InvalidPaymentRequestException;
import org.tillpay.payment.api.PaymentLine;
import org.tillpay.payment.api.PaymentRequest;

/**
 * An e-mail carrying a payment link to the customer: who gets it, what was sold, the total and the link. Immutable and
 * validated when built; a problem is an {@link IllegalArgumentException} naming the field. Rendered by
 * {@link LinkEmailComposer}; sent by {@link LinkMailer}.
 */
public final class LinkEmail {

    /** The zone expiry times are shown in unless {@link #withZone} says otherwise. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Oslo");

    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>\"(),;:\\\\\\[\\]]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
            + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private final String to;
    private final String storeName;
    private final String saleReference;
    private final Currency currency;
    private final long totalMinor;
    private final long vatMinor;
    private final List<Line> lines;
    private final URI link;
    private final Instant expiresAt;
    private final ZoneId zone;

    /**
     * One product line as the customer sees it.
     *
     * @param description what is sold, not blank
     * @param quantity how many, at least 1
     * @param amountMinor the line total including VAT, in minor units, not negative
     */
    public record Line(String description, int quantity, long amountMinor) {

        /** Validates the line. */
        public Line {
            description = text("lines.description", description);
            if (quantity < 1) {
                throw new IllegalArgumentException("lines.quantity: must be at least 1, was " + quantity);
            }
            if (amountMinor < 0) {
                throw new IllegalArgumentException("lines.amountMinor: must not be negative, was " + amountMinor);
            }
        }
    }

    /**
     * @param to the customer's e-mail address (a bare address such as {@code kari@example.com})
     * @param storeName the store's name, shown as sender name and in the subject
     * @param saleReference the POS's sale reference
     * @param currency the currency of every amount
     * @param totalMinor the total including VAT, in minor units: the sum of the line amounts
     * @param vatMinor the VAT contained in the total, in minor units
     * @param lines the product lines, at least one
     * @param linkUrl the payment link, an absolute https (or http) URL
     * @param expiresAt when the link stops working
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public LinkEmail(String to, String storeName, String saleReference, Currency currency, long totalMinor, long vatMinor,
            List<Line> lines, String linkUrl, Instant expiresAt) {
        this(to, storeName, saleReference, currency, totalMinor, vatMinor, lines, link(linkUrl), expiresAt, DEFAULT_ZONE);
    }

    private LinkEmail(String to, String storeName, String saleReference, Currency currency, long totalMinor,
            long vatMinor, List<Line> lines, URI link, Instant expiresAt, ZoneId zone) {
        String address = text("to", to);
        if (!ADDRESS.matcher(address).matches()) {
            throw new IllegalArgumentException("to: must be an e-mail address such as name@example.com");
        }
        this.to = address;
        this.storeName = text("storeName", storeName);
        this.saleReference = text("saleReference", saleReference);
        this.currency = Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(lines, "lines");
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("lines: at least one line is required");
        }
        this.lines = List.copyOf(lines);
        long sum = 0;
        for (Line line : this.lines) {
            sum = Math.addExact(sum, line.amountMinor());
        }
        if (totalMinor != sum) {
            throw new IllegalArgumentException("totalMinor: must be the sum of the line amounts (" + sum + "), was " + totalMinor);
        }
        if (vatMinor < 0 || vatMinor > totalMinor) {
            throw new IllegalArgumentException("vatMinor: must be between 0 and the total, was " + vatMinor);
        }
        this.totalMinor = totalMinor;
        this.vatMinor = vatMinor;
        this.link = link;
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /**
     * The e-mail for a payment request: its customer e-mail address, lines, total and VAT.
     *
     * @param request the validated request
     * @param storeName the store's name as the customer knows it
     * @param link the payment link (the Dintero session url)
     * @param expiresAt when the link expires
     * @return the e-mail
     * @throws InvalidPaymentRequestException on {@code customerEmail} when the request has no e-mail address
     * @throws IllegalArgumentException naming the argument that is wrong
     */
    public static LinkEmail from(PaymentRequest request, String storeName, String link, Instant expiresAt) {
        String to = request.customerEmail().orElseThrow(() -> new InvalidPaymentRequestException("customerEmail",
                "is required to send the payment link by e-mail"));
        List<Line> lines = new ArrayList<>(request.lines().size());
        for (PaymentLine line : request.lines()) {
            lines.add(new Line(line.description(), line.quantity(), line.amountMinor()));
        }
        return new LinkEmail(to, storeName, request.saleReference(), request.currency(), request.amountMinor(),
                request.vatAmountMinor(), lines, link, expiresAt);
    }

    /**
     * @param zone the time zone the expiry is shown in
     * @return a copy that shows the expiry in that zone
     */
    public LinkEmail withZone(ZoneId zone) {
        return new LinkEmail(to, storeName, saleReference, currency, totalMinor, vatMinor, lines, link, expiresAt, zone);
    }

    private static String text(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": is required");
        }
        // no control characters: they could break a header (subject, sender name) or the layout
        return CONTROL.matcher(value.strip()).replaceAll(" ");
    }

    private static URI link(String url) {
        String v = text("linkUrl", url);
        URI uri;
        try {
            uri = new URI(v);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("linkUrl: is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            throw new IllegalArgumentException("linkUrl: must be an absolute https URL");
        }
        return uri;
    }

    /** @return the recipient's address */
    public String to() {
        return to;
    }

    /** @return the store's name */
    public String storeName() {
        return storeName;
    }

    /** @return the sale reference */
    public String saleReference() {
        return saleReference;
    }

    /** @return the currency of every amount */
    public Currency currency() {
        return currency;
    }

    /** @return the total including VAT, in minor units */
    public long totalMinor() {
        return totalMinor;
    }

    /** @return the VAT contained in the total, in minor units */
    public long vatMinor() {
        return vatMinor;
    }

    /** @return the lines, in order */
    public List<Line> lines() {
        return lines;
    }

    /** @return the payment link */
    public String linkUrl() {
        return link.toString();
    }

    /** @return when the link expires */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** @return the zone the expiry is shown in */
    public ZoneId zone() {
        return zone;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LinkEmail)) {
            return false;
        }
        LinkEmail other = (LinkEmail) o;
        return to.equals(other.to) && storeName.equals(other.storeName) && saleReference.equals(other.saleReference)
                && currency.equals(other.currency) && totalMinor == other.totalMinor && vatMinor == other.vatMinor
                && lines.equals(other.lines) && link.equals(other.link) && expiresAt.equals(other.expiresAt)
                && zone.equals(other.zone);
    }

    @Override
    public int hashCode() {
        return Objects.hash(to, storeName, saleReference, currency, totalMinor, vatMinor, lines, link, expiresAt, zone);
    }

    /** The recipient (personal data) and the link (a bearer URL) are left out, so the value can be logged. */
    @Override
    public String toString() {
        return "LinkEmail[store=" + storeName + ", sale=" + saleReference + ", total=" + totalMinor + " " + currency
                + ", lines=" + lines.size() + ", expires=" + expiresAt + "]";
    }
}
