package org.tillpay.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Currency;

import org.junit.jupiter.api.Test;
import org.tillpay.payment.api.InvalidPaymentRequestException;
import org.tillpay.payment.api.LinkExpiry;
import org.tillpay.payment.api.PaymentLine;

class SaleLinesTest {

    private static final Currency NOK = Currency.getInstance("NOK");

    @Test
    void readsLinesWithAndWithoutVat() {
        PaymentLine l = SaleLines.parse("Genser:2:299.00", 0, NOK).build();
        assertEquals("1", l.lineId());
        assertEquals(2, l.quantity());
        assertEquals(29900, l.unitPriceMinor());
        assertEquals(BigDecimal.valueOf(25), l.vatPercent());
        PaymentLine b = SaleLines.parse("Bok: del 2:1:199.5:0", 1, NOK).build();
        assertEquals("Bok: del 2", b.description());
        assertEquals(19950, b.unitPriceMinor());
        assertEquals(0, b.vatPercent().signum());
        assertEquals(1000, SaleLines.minorUnits("1000", Currency.getInstance("JPY"), "x"));
    }

    @Test
    void namesTheFieldThatIsWrong() {
        assertEquals("lines[0]", assertThrows(InvalidPaymentRequestException.class,
                () -> SaleLines.parse("Genser", 0, NOK)).field());
        assertEquals("lines[2].quantity", assertThrows(InvalidPaymentRequestException.class,
                () -> SaleLines.parse("Genser:two:299", 2, NOK)).field());
        assertEquals("lines[0].unitPrice", assertThrows(InvalidPaymentRequestException.class,
                () -> SaleLines.parse("Genser:1:2.999", 0, NOK)).field());
        assertEquals("lines[0].unitPrice", assertThrows(InvalidPaymentRequestException.class,
                () -> SaleLines.parse("Genser:1:abc", 0, NOK)).field());
        assertEquals("lines[0].vatPercent", assertThrows(InvalidPaymentRequestException.class,
                () -> SaleLines.parse("Genser:1:10:x", 0, NOK)).field());
        assertEquals("linkOptions.expiry", assertThrows(InvalidPaymentRequestException.class,
                () -> SaleCommand.expiry("2d")).field());
        assertEquals(LinkExpiry.ONE_MONTH, SaleCommand.expiry("1M"));
        assertEquals("linkOptions.paymentMethods", assertThrows(InvalidPaymentRequestException.class,
                () -> SaleCommand.methods("vipps,bitcoin")).field());
    }

    @Test
    void readsTheMethodList() {
        assertEquals(java.util.EnumSet.of(org.tillpay.payment.api.PaymentMethodChoice.VIPPS,
                org.tillpay.payment.api.PaymentMethodChoice.APPLE_PAY), SaleCommand.methods(" Vipps, applepay"));
        assertEquals(java.util.Set.of(), SaleCommand.methods(null));
    }
}
