package org.tillpay.payment.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

/** Amount and VAT arithmetic, and every validation rule naming its field. */
class PaymentRequestTest {

    private static PaymentLine.Builder line(String id, int qty, long unit) {
        return PaymentLine.builder().lineId(id).description("Genser").quantity(qty).unitPriceMinor(unit);
    }

    private static PaymentRequest.Builder valid() {
        return PaymentRequest.builder().storeId("012").saleReference("S-000123").currency("NOK")
                .line(line("1", 2, 29900)).customerPhone("+4799999999");
    }

    private static void assertField(String field, UnaryOperator<PaymentRequest.Builder> change) {
        InvalidPaymentRequestException e = assertThrows(InvalidPaymentRequestException.class,
                () -> change.apply(valid()).build());
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().startsWith(field + ": "), e.getMessage());
    }

    @Test
    void totalsAreSumsOfLinesInMinorUnits() {
        PaymentRequest r = valid().line(line("2", 1, 9990).vatPercent(BigDecimal.valueOf(15))).build();
        assertEquals(59800 + 9990, r.amountMinor());
        // 59800 * 25/125 = 11960; 9990 * 15/115 = 1303.04 -> 1303
        assertEquals(11960 + 1303, r.vatAmountMinor());
        assertEquals(BigDecimal.valueOf(25), r.lines().get(0).vatPercent());
    }

    @Test
    void vatIsRoundedHalfUp() {
        assertEquals(2, PaymentLine.vatIncludedIn(10, BigDecimal.valueOf(25)));   // 2.0
        assertEquals(1, PaymentLine.vatIncludedIn(7, BigDecimal.valueOf(25)));    // 1.4
        assertEquals(2, PaymentLine.vatIncludedIn(9, BigDecimal.valueOf(25)));    // 1.8
        assertEquals(1, PaymentLine.vatIncludedIn(13, BigDecimal.valueOf(12)));   // 1.39
        assertEquals(3, PaymentLine.vatIncludedIn(15, BigDecimal.valueOf(25)));   // 3.0
        assertEquals(1, PaymentLine.vatIncludedIn(5, BigDecimal.valueOf(25)));    // 1.0
        assertEquals(0, PaymentLine.vatIncludedIn(1000, BigDecimal.ZERO));
        assertEquals(500, PaymentLine.vatIncludedIn(1000, BigDecimal.valueOf(100)));
        assertEquals(3, PaymentLine.vatIncludedIn(27, BigDecimal.valueOf(12.5))); // 3.0
    }

    @Test
    void everyBadFieldIsNamed() {
        assertField("storeId", b -> b.storeId(""));
        assertField("saleReference", b -> b.saleReference(" "));
        assertField("saleReference", b -> b.saleReference("S\n1"));
        assertField("currency", b -> b.currency("nok"));
        assertField("currency", b -> b.currency("XYZ"));
        assertField("currency", b -> b.currency(null));
        assertField("customerPhone", b -> b.customerPhone("99999999"));
        assertField("customerEmail", b -> b.customerEmail("kunde.example.no"));
        assertField("customerPhone", b -> b.customerPhone(null));
        assertField("lines[1].quantity", b -> b.line(line("2", 0, 100)));
        assertField("lines[1].unitPrice", b -> b.line(line("2", 1, 0)));
        assertField("lines[1].unitPrice", b -> b.line(line("2", 1, -5)));
        assertField("lines[1].vatPercent", b -> b.line(line("2", 1, 100).vatPercent(BigDecimal.valueOf(101))));
        assertField("lines[1].vatPercent", b -> b.line(line("2", 1, 100).vatPercent(BigDecimal.valueOf(-1))));
        assertField("lines[1].lineId", b -> b.line(line("1", 1, 100)));
        assertField("lines[1].description", b -> b.line(line("2", 1, 100).description("")));
        assertField("lines[1].unitPrice", b -> b.line(line("2", 2, Long.MAX_VALUE / 2 + 1)));
        assertField("lines", b -> b.line(line("2", 1, Long.MAX_VALUE - 1)));
        assertField("lines", b -> PaymentRequest.builder().storeId("012").saleReference("S-1").currency("NOK")
                .customerPhone("+4799999999"));
    }

    @Test
    void linkOnlyNeedsNoContact() {
        PaymentRequest r = valid().customerPhone(null).linkOptions(LinkOptions.builder().linkOnly(true).build()).build();
        assertTrue(r.customerPhone().isEmpty());
        assertEquals(LinkExpiry.ONE_DAY, r.linkOptions().expiry());
    }

    @Test
    void toStringLeavesOutPersonalData() {
        String s = valid().customerEmail("kunde@example.no").build().toString();
        assertFalse(s.contains("+4799999999"), s);
        assertFalse(s.contains("kunde@example.no"), s);
    }

    @Test
    void expiryMustBeOneOfTheChoices() {
        InvalidPaymentRequestException e = assertThrows(InvalidPaymentRequestException.class,
                () -> LinkOptions.builder().expiry(null));
        assertEquals("linkOptions.expiry", e.field());
    }
}
