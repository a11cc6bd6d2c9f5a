package org.tillpay.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.tillpay.dintero.emulator.OutboxMessage;
import org.tillpay.payment.api.InvalidPaymentRequestException;
import org.tillpay.payment.api.LinkOptions;
import org.tillpay.payment.api.OperationRequest;
import org.tillpay.payment.api.PaymentFailedException;
import org.tillpay.payment.api.PaymentHandle;
import org.tillpay.payment.api.PaymentLine;
import org.tillpay.payment.api.PaymentMethod;
import org.tillpay.payment.api.PaymentMethodChoice;
import org.tillpay.payment.api.PaymentOperation;
import org.tillpay.payment.api.PaymentRequest;
import org.tillpay.payment.api.PaymentStatus;

/**
 * Dintero gift cards (FLOWS.md (d)) against the emulator in the distribution: the customer pays part with a card
 * number and PIN and the rest by card; the cashier preloads a scanned card; captures and refunds take the gift-card
 * part first, and a refund to the card never exceeds what was captured on it; Dintero's rules are enforced before
 * the call. The sale is 797.00 NOK; the gift card holds 300.00.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class GiftCardIT extends TillpayTestSupport {

    private static final String STORE = "sigma";
    private static final String ACCOUNT = "T66666666";
    private static boolean configured;

    @Configuration
    public Option[] config() {
        return baseConfig();
    }

    @Before
    public void configure() throws Exception {
        if (!configured) {
            configureStore(STORE, ACCOUNT, Map.of("poll.interval.seconds", 1));
            configured = true;
        }
    }


    private static PaymentRequest sale(String reference, LinkOptions options) {
        return PaymentRequest.builder().storeId(STORE).saleReference(reference).currency("NOK")
                .line(PaymentLine.builder().lineId("1").description("Genser").quantity(2).unitPriceMinor(29900))
                .line(PaymentLine.builder().lineId("2").description("Bok").unitPriceMinor(19900))
                .customerPhone("+4799999999").linkOptions(options).build();
    }

    private static OperationRequest.Builder op(String reference) {
        return OperationRequest.builder().reference(reference).requestedBy("staff-9");
    }

    private static PaymentHandle done(java.util.concurrent.CompletionStage<PaymentHandle> stage) throws Exception {
        return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static PaymentOperation last(PaymentHandle p) {
        return p.operations().get(p.operations().size() - 1);
    }

    private PaymentHandle awaitAuthorized(PaymentMethod sigma, String paymentId, long giftCardPart) {
        PaymentHandle[] now = new PaymentHandle[1];
        eventually(Duration.ofSeconds(20), paymentId + " is AUTHORIZED with its gift-card part", () -> {
            now[0] = sigma.findPayment(paymentId).orElseThrow();
            return now[0].status() == PaymentStatus.AUTHORIZED && now[0].giftCardMinor() == giftCardPart;
        });
        return now[0];
    }

    @Test
    public void theCustomerPaysPartByGiftCardAndItIsCapturedAndRefundedFirst() throws Exception {
        PaymentMethod sigma = paymentMethod(STORE);
        emulator().addGiftCard(ACCOUNT, "GC-1", "6000111122223333", "1234", 30000, "NOK");
        PaymentHandle link = ItSales.start(sigma, sale("S-GC-1", LinkOptions.builder().express(true).giftCards(true)
                .paymentMethods(java.util.EnumSet.of(PaymentMethodChoice.MOBILEPAY, PaymentMethodChoice.CARD)).build()));
        String session = link.sessionId().orElseThrow();
        assertEquals("sms", outbox(session).channel());

        emulator().payWithGiftCard(session, "6000111122223333", "1234", "card");
        PaymentHandle paid = awaitAuthorized(sigma, link.paymentId(), 30000);
        assertEquals(0, emulator().giftCardBalance(ACCOUNT, "GC-1"));

        PaymentHandle first = done(sigma.capturePayment(paid.paymentId(), op("GC-R1").amountMinor(40000).build()));
        assertEquals(30000, last(first).giftCardAmountMinor()); // the gift card first: 300.00, then 100.00 by card
        PaymentHandle rest = done(sigma.capturePayment(paid.paymentId(), op("GC-R2").build()));
        assertEquals(0, last(rest).giftCardAmountMinor());
        assertEquals(PaymentStatus.CAPTURED, rest.status());

        PaymentHandle back = done(sigma.refundPayment(paid.paymentId(), op("GC-RET1").amountMinor(20000).build()));
        assertEquals(20000, last(back).giftCardAmountMinor()); // back to the gift card first
        PaymentHandle more = done(sigma.refundPayment(paid.paymentId(), op("GC-RET2").amountMinor(15000).build()));
        assertEquals(10000, last(more).giftCardAmountMinor()); // never more than the 300.00 captured on it
        assertEquals(30000, emulator().giftCardBalance(ACCOUNT, "GC-1"));
        assertEquals(35000, more.refundedMinor());
        assertEquals(PaymentStatus.PARTIALLY_REFUNDED, more.status());
    }

    @Test
    public void theCashierPreloadsAScannedCardAndTheCustomerConfirmsWithThePin() throws Exception {
        PaymentMethod sigma = paymentMethod(STORE);
        emulator().addGiftCard(ACCOUNT, "GC-2", "6000444455556666", "9876", 100000, "NOK");
        PaymentHandle link = ItSales.start(sigma, sale("S-GC-2", LinkOptions.builder().express(true)
                .giftCardId("GC-2").build()));
        @SuppressWarnings("unchecked")
        Map<String, Object> customer = (Map<String, Object>) emulator().session(link.sessionId().orElseThrow())
                .orElseThrow().get("customer");
        assertTrue(String.valueOf(customer), String.valueOf(customer.get("gift_cards")).contains("GC-2"));
        try {
            emulator().payWithGiftCard(link.sessionId().orElseThrow(), "6000444455556666", "0000", "klarna");
            fail("a wrong PIN must be refused");
        } catch (IllegalArgumentException wrongPin) {
            assertEquals(100000, emulator().giftCardBalance(ACCOUNT, "GC-2"));
        }
        emulator().payWithGiftCard(link.sessionId().orElseThrow(), "6000444455556666", "9876", null);
        PaymentHandle paid = awaitAuthorized(sigma, link.paymentId(), 79700);
        assertEquals(100000 - 79700, emulator().giftCardBalance(ACCOUNT, "GC-2"));
        assertEquals(PaymentStatus.CAPTURED, done(sigma.capturePayment(paid.paymentId(), op("GC-R3").build())).status());
    }

    @Test
    public void dinterosGiftCardRulesAreEnforcedBeforeTheCall() throws Exception {
        PaymentMethod sigma = paymentMethod(STORE);
        int sessionsBefore = emulator().sessions().size();
        try {
            LinkOptions.builder().giftCards(true).build();
            fail("gift cards without Express must be refused");
        } catch (InvalidPaymentRequestException e) {
            assertEquals("linkOptions.giftCards", e.field());
        }
        try {
            sigma.startPayment(sale("S-GC-3", LinkOptions.builder().express(true).giftCards(true)
                    .paymentMethods(java.util.EnumSet.of(PaymentMethodChoice.VIPPS, PaymentMethodChoice.CARD)).build()));
            fail("vipps with gift cards must be refused");
        } catch (InvalidPaymentRequestException e) {
            assertEquals("linkOptions.paymentMethods", e.field());
            assertTrue(e.getMessage(), e.getMessage().startsWith("linkOptions.paymentMethods: vipps"));
        }
        assertEquals(sessionsBefore, emulator().sessions().size());

        // a card unknown to Dintero: Dintero refuses the session, and the sale may try again
        try {
            ItSales.start(sigma, sale("S-GC-4", LinkOptions.builder().express(true).giftCardId("GC-NONE").build()));
            fail("Dintero refuses an unknown card");
        } catch (ExecutionException e) {
            assertEquals(PaymentFailedException.Reason.REJECTED, ((PaymentFailedException) e.getCause()).reason());
        }
    }

    private OutboxMessage outbox(String session) {
        List<OutboxMessage> sent = emulator().outbox().stream().filter(m -> m.sessionId().equals(session)).toList();
        assertEquals(1, sent.size());
        return sent.get(0);
    }
}
