package org.tillpay.itests;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.tillpay.dintero.emulator.DinteroEmulator;
import org.tillpay.payment.api.PaymentHandle;
import org.tillpay.payment.api.PaymentLine;
import org.tillpay.payment.api.PaymentMethod;
import org.tillpay.payment.api.PaymentRequest;
import org.tillpay.payment.api.PaymentStatus;

/** Sales as the tests ring them up, and the customer paying them in the emulator. */
final class ItSales {

    private ItSales() {
    }

    /** Two lines: 2 × 299.00 at 25 % VAT and 1 × 199.00 at 0 %: 797.00 NOK, VAT 119.60. */
    static PaymentRequest sale(String store, String reference) {
        return PaymentRequest.builder().storeId(store).saleReference(reference).currency("NOK").tillId("KASSE-3")
                .line(PaymentLine.builder().lineId("1").description("Genser").quantity(2).unitPriceMinor(29900))
                .line(PaymentLine.builder().lineId("2").description("Bok").quantity(1).unitPriceMinor(19900)
                        .vatPercent(BigDecimal.ZERO))
                .customerPhone("+4799999999").customerEmail("kunde@example.no").build();
    }

    static PaymentHandle start(PaymentMethod method, PaymentRequest request) throws Exception {
        return method.startPayment(request).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** The customer pays; waits until the store's ledger says AUTHORIZED (through the callback). */
    static void payAndAwaitAuthorized(DinteroEmulator emulator, PaymentMethod method, PaymentHandle link, String how) {
        emulator.pay(link.sessionId().orElseThrow(), how);
        TillpayTestSupport.eventually(Duration.ofSeconds(15), "payment " + link.paymentId() + " is AUTHORIZED",
                () -> method.findPayment(link.paymentId()).orElseThrow().status() == PaymentStatus.AUTHORIZED);
    }
}
