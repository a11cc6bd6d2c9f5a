package org.tillpay.dintero.internal.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tillpay.payment.api.InvalidPaymentRequestException;
import org.tillpay.payment.api.PaymentLine;
import org.tillpay.payment.api.PaymentRequest;

/** The e-mail value and its text: validation, amounts from minor units, HTML escaping, the request mapping. */
class LinkEmailTest {

    static final String LINK = "https://checkout.dintero.com/v1/view/T12345678.abc?lang=en&x=1";
    static final Instant EXPIRES = Instant.parse("2026-11-21T13:30:00Z");
    private static final Currency NOK = Currency.getInstance("NOK");

    static PaymentRequest.Builder request() {
        return PaymentRequest.builder().storeId("012").saleReference("4711/2").currency("NOK")
                .line(PaymentLine.builder().lineId("1").description("Genser").quantity(2).unitPriceMinor(29900))
                .line(PaymentLine.builder().lineId("2").description("Bok").unitPriceMinor(19900).vatPercent(BigDecimal.ZERO))
                .customerEmail("kari.nordmann@example.com");
    }

    private static LinkEmail email(String storeName, String description) {
        return new LinkEmail("kari@example.com", storeName, "S-1", NOK, 12345, 2469,
                List.of(new LinkEmail.Line(description, 1, 12345)), LINK, EXPIRES);
    }

    @Test
    void fromPaymentRequest() {
        LinkEmail e = LinkEmail.from(request().build(), "Butikk Storgata", LINK, EXPIRES);
        assertEquals("kari.nordmann@example.com", e.to());
        assertEquals("4711/2", e.saleReference());
        assertEquals(79700, e.totalMinor());
        assertEquals(11960, e.vatMinor());
        assertEquals(List.of(new LinkEmail.Line("Genser", 2, 59800), new LinkEmail.Line("Bok", 1, 19900)), e.lines());
        assertEquals("Payment link from Butikk Storgata: 797.00 NOK", LinkEmailComposer.subject(e));
        assertEquals(LinkEmail.DEFAULT_ZONE, e.zone());
        assertFalse(e.toString().contains("kari"), e.toString());
        assertFalse(e.toString().contains(LINK), e.toString());
    }

    @Test
    void requestWithoutEmailAddressIsRefused() {
        PaymentRequest phoneOnly = request().customerEmail(null).customerPhone("+4799999999").build();
        InvalidPaymentRequestException e = assertThrows(InvalidPaymentRequestException.class,
                () -> LinkEmail.from(phoneOnly, "Butikk", LINK, EXPIRES));
        assertTrue(e.getMessage().contains("customerEmail"), e.getMessage());
    }

    @Test
    void amountsUseTheCurrencysFractionDigits() {
        assertEquals("598.00 NOK", LinkEmailComposer.amount(59800, NOK));
        assertEquals("0.05 EUR", LinkEmailComposer.amount(5, Currency.getInstance("EUR")));
        assertEquals("1500 JPY", LinkEmailComposer.amount(1500, Currency.getInstance("JPY")));
        assertEquals("12.345 KWD", LinkEmailComposer.amount(12345, Currency.getInstance("KWD")));
        assertEquals("123456789.00 SEK", LinkEmailComposer.amount(12345678900L, Currency.getInstance("SEK")));
    }

    @Test
    void textHasEverythingTheCustomerNeeds() {
        LinkEmail e = LinkEmail.from(request().build(), "Butikk Storgata", LINK, EXPIRES);
        String text = LinkEmailComposer.plainText(e);
        assertTrue(text.contains("Sale reference: 4711/2"), text);
        assertTrue(text.contains("2 x Genser: 598.00 NOK"), text);
        assertTrue(text.contains("1 x Bok: 199.00 NOK"), text);
        assertTrue(text.contains("Total: 797.00 NOK (including VAT 119.60 NOK)"), text);
        assertTrue(text.contains(LINK), text);
        assertTrue(text.contains("The link expires 21 November 2026 at 14:30 CET."), text);
        String utc = LinkEmailComposer.plainText(e.withZone(ZoneOffset.UTC));
        assertTrue(utc.contains("21 November 2026 at 13:30 Z"), utc);
    }

    @Test
    void htmlEscapesEveryValue() {
        LinkEmail e = email("Kaffe & <Kopp>", "\"Mugg\" <script>alert('x')</script>");
        String html = LinkEmailComposer.html(e);
        assertTrue(html.contains("Payment link from Kaffe &amp; &lt;Kopp&gt;"), html);
        assertTrue(html.contains("&quot;Mugg&quot; &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), html);
        assertFalse(html.contains("<script>"), html);
        assertFalse(html.contains("<Kopp>"), html);
        assertTrue(html.contains("<a href=\"https://checkout.dintero.com/v1/view/T12345678.abc?lang=en&amp;x=1\""), html);
        assertTrue(html.contains("123.45 NOK"), html);
        assertTrue(html.contains("24.69 NOK"), html);
        assertTrue(html.contains("S-1"), html);
    }

    @Test
    void controlCharactersCannotReachTheHeaders() {
        LinkEmail e = email("Butikk\r\nBcc: evil@example.com", "Vare");
        assertFalse(LinkEmailComposer.subject(e).contains("\n"));
        assertFalse(LinkEmailComposer.subject(e).contains("\r"));
    }

    @Test
    void eachBadFieldIsNamed() {
        List<LinkEmail.Line> one = List.of(new LinkEmail.Line("Vare", 1, 100));
        assertField("to", () -> new LinkEmail("not-an-address", "B", "S", NOK, 100, 20, one, LINK, EXPIRES));
        assertField("to", () -> new LinkEmail("a@b.no, c@d.no", "B", "S", NOK, 100, 20, one, LINK, EXPIRES));
        assertField("storeName", () -> new LinkEmail("a@b.no", " ", "S", NOK, 100, 20, one, LINK, EXPIRES));
        assertField("saleReference", () -> new LinkEmail("a@b.no", "B", "", NOK, 100, 20, one, LINK, EXPIRES));
        assertField("lines", () -> new LinkEmail("a@b.no", "B", "S", NOK, 0, 0, List.of(), LINK, EXPIRES));
        assertField("totalMinor", () -> new LinkEmail("a@b.no", "B", "S", NOK, 101, 20, one, LINK, EXPIRES));
        assertField("vatMinor", () -> new LinkEmail("a@b.no", "B", "S", NOK, 100, 101, one, LINK, EXPIRES));
        assertField("linkUrl", () -> new LinkEmail("a@b.no", "B", "S", NOK, 100, 20, one, "javascript:alert(1)", EXPIRES));
        assertField("linkUrl", () -> new LinkEmail("a@b.no", "B", "S", NOK, 100, 20, one, "/relative", EXPIRES));
        assertField("lines.quantity", () -> new LinkEmail.Line("Vare", 0, 100));
        assertField("lines.description", () -> new LinkEmail.Line("", 1, 100));
    }

    private static void assertField(String field, org.junit.jupiter.api.function.Executable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build, field);
        assertTrue(e.getMessage().startsWith(field + ": "), e.getMessage());
    }
}
