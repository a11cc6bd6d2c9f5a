package org.tillpay.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Dictionary;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.KarafDistributionOption;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.tillpay.dintero.emulator.CallbackMode;
import org.tillpay.dintero.emulator.OutboxMessage;
import org.tillpay.payment.api.LinkOptions;
import org.tillpay.payment.api.PaymentEvents;
import org.tillpay.payment.api.PaymentHandle;
import org.tillpay.payment.api.PaymentMethod;
import org.tillpay.payment.api.PaymentMethodChoice;
import org.tillpay.payment.api.PaymentRequest;
import org.tillpay.payment.api.PaymentStatus;
import org.tillpay.payment.api.StatusChange;

/**
 * Payment links, complete, inside the distribution: e-mail to a real SMTP server, push for a single wallet, QR code,
 * parked sales completing by themselves (and on EventAdmin), cancel while waiting, the poller recovering a lost
 * callback, duplicate and reordered callbacks processed once, and a restart of the Dintero bundle mid-flow.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PaymentLinkOptionsIT extends TillpayTestSupport {

    private static final String SMTP_PORT = "tillpay.itest.smtp.port";
    private static final String POP3_PORT = "tillpay.itest.pop3.port";
    private static boolean configured;

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private ServiceRegistration<EventHandler> handler;

    @Configuration
    public Option[] config() {
        int[] mail = MailServer.start(freePort(), freePort());
        return OptionUtils.combine(baseConfig(),
                KarafDistributionOption.editConfigurationFilePut("etc/system.properties", SMTP_PORT, Integer.toString(mail[0])),
                KarafDistributionOption.editConfigurationFilePut("etc/system.properties", POP3_PORT, Integer.toString(mail[1])));
    }

    @Before
    public void configure() throws Exception {
        Dictionary<String, Object> topic = new Hashtable<>();
        topic.put(EventConstants.EVENT_TOPIC, PaymentEvents.TOPIC_STATUS_CHANGED);
        handler = bundleContext.registerService(EventHandler.class, events::add, topic);
        if (!configured) {
            configureEmulatorAccount("delta", "T33333333", "delta-client", "delta-secret", "delta-signing");
            Dictionary<String, Object> store = storeProperties("delta", "T33333333", "delta-client", "delta-secret",
                    "delta-signing");
            store.put("smtp.host", "127.0.0.1");
            store.put("smtp.port", Integer.parseInt(System.getProperty(SMTP_PORT)));
            store.put("smtp.from", "kasse@butikk.example");
            store.put("smtp.starttls", false);
            store.put("poll.interval.seconds", 1);
            store.put("parked.poll.interval.seconds", 10);
            factoryConfig("org.tillpay.dintero.store", "it-delta", store);
            configured = true;
        }
    }

    @After
    public void tearDown() {
        handler.unregister();
        emulator().setCallbackMode(CallbackMode.NORMAL);
    }


    private static PaymentRequest sale(String reference, String phone, String email, LinkOptions options) {
        return PaymentRequest.builder().storeId("delta").saleReference(reference).currency("NOK")
                .line(org.tillpay.payment.api.PaymentLine.builder().lineId("1").description("Genser").quantity(2)
                        .unitPriceMinor(29900))
                .customerPhone(phone).customerEmail(email).linkOptions(options).build();
    }

    private PaymentHandle awaitStatus(PaymentMethod delta, String paymentId, PaymentStatus status) {
        PaymentHandle[] now = new PaymentHandle[1];
        eventually(Duration.ofSeconds(20), paymentId + " becomes " + status,
                () -> (now[0] = delta.findPayment(paymentId).orElseThrow()).status() == status);
        return now[0];
    }

    private static long count(PaymentHandle p, PaymentStatus status) {
        return p.history().stream().map(StatusChange::status).filter(status::equals).count();
    }

    @Test
    public void theLinkIsEmailedThroughTheStoresSmtpServer() throws Exception {
        PaymentHandle link = ItSales.start(paymentMethod("delta"),
                sale("S-MAIL-1", null, "kunde@example.no", LinkOptions.defaults()));
        assertEquals("email:sent", link.history().get(1).detail().orElseThrow());
        // quoted-printable soft line breaks are undone, so that a long link reads in one piece
        String mail = MailServer.retrieveAll(Integer.parseInt(System.getProperty(POP3_PORT)), "kunde@example.no")
                .replace("=\n", "");
        assertTrue(mail, mail.contains("Subject: Payment link from Store delta"));
        assertTrue(mail, mail.contains(link.paymentUrl().orElseThrow()));
        assertTrue(mail, mail.contains("S-MAIL-1"));
    }

    @Test
    public void aSingleWalletGetsAPushAndTheLinkIsAlsoAQrCode() throws Exception {
        PaymentHandle link = ItSales.start(paymentMethod("delta"), sale("S-PUSH-1", "+4799999999", null,
                LinkOptions.builder().paymentMethods(EnumSet.of(PaymentMethodChoice.VIPPS)).build()));
        List<OutboxMessage> sent = emulator().outbox().stream()
                .filter(m -> m.sessionId().equals(link.sessionId().orElseThrow())).toList();
        assertEquals(1, sent.size());
        assertEquals("push", sent.get(0).channel());
        byte[] png = paymentMethod("delta").qrCodePng(link.paymentId(), 256);
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
    }

    @Test
    public void aParkedSaleCompletesByItselfAndIsPostedOnEventAdmin() throws Exception {
        PaymentMethod delta = paymentMethod("delta");
        PaymentHandle link = ItSales.start(delta, sale("S-PARK-1", "+4799999999", null, LinkOptions.defaults()));
        assertTrue(delta.parkPayment(link.paymentId()).parked());
        emulator().pay(link.sessionId().orElseThrow(), "card");
        awaitStatus(delta, link.paymentId(), PaymentStatus.AUTHORIZED);
        eventually(Duration.ofSeconds(10), "EventAdmin posts the paid parked sale", () -> events.stream().anyMatch(e ->
                link.paymentId().equals(e.getProperty(PaymentEvents.PAYMENT_ID))
                        && "AUTHORIZED".equals(e.getProperty(PaymentEvents.STATUS))
                        && Boolean.TRUE.equals(e.getProperty(PaymentEvents.PARKED))
                        && Boolean.TRUE.equals(e.getProperty(PaymentEvents.PAID))));
    }

    @Test
    public void theCashierCancelsWhileWaitingAndTheSaleIsFreeAgain() throws Exception {
        PaymentMethod delta = paymentMethod("delta");
        PaymentHandle link = ItSales.start(delta, sale("S-CANCEL-1", "+4799999999", null, LinkOptions.defaults()));
        emulator().open(link.sessionId().orElseThrow());
        PaymentHandle cancelled = delta.cancelPayment(link.paymentId()).toCompletableFuture().get();
        assertEquals(PaymentStatus.CANCELLED, cancelled.status());
        assertEquals(PaymentStatus.LINK_SENT, ItSales.start(delta, sale("S-CANCEL-1", "+4799999999", null,
                LinkOptions.defaults())).status());
    }

    @Test
    public void autoCaptureOnTakesTheMoneyAndOffLeavesItAuthorized() throws Exception {
        PaymentMethod delta = paymentMethod("delta");
        PaymentHandle on = ItSales.start(delta, sale("S-AC-ON", "+4799999999", null,
                LinkOptions.builder().autoCapture(true).build()));
        PaymentHandle off = ItSales.start(delta, sale("S-AC-OFF", "+4799999999", null, LinkOptions.defaults()));
        emulator().pay(on.sessionId().orElseThrow(), "mobilepay");
        emulator().pay(off.sessionId().orElseThrow(), "mobilepay");
        awaitStatus(delta, on.paymentId(), PaymentStatus.CAPTURED);
        awaitStatus(delta, off.paymentId(), PaymentStatus.AUTHORIZED);
    }

    @Test
    public void expressCheckoutCapturesTheDeliveryAddress() throws Exception {
        PaymentMethod delta = paymentMethod("delta");
        PaymentHandle link = ItSales.start(delta, sale("S-EXPRESS-1", "+4799999999", null,
                LinkOptions.builder().express(true).build()));
        emulator().pay(link.sessionId().orElseThrow(), "vipps", Map.of("first_name", "Ola", "last_name", "Nordmann",
                "address_line", "Karl Johans gate 22", "postal_code", "0026", "postal_place", "Oslo", "country", "NO",
                "email", "ola@example.no", "phone_number", "+4791234567"));
        awaitStatus(delta, link.paymentId(), PaymentStatus.AUTHORIZED);
        eventually(Duration.ofSeconds(10), "the delivery address is recorded",
                () -> delta.findPayment(link.paymentId()).orElseThrow().deliveryAddress().isPresent());
        assertEquals("Ola Nordmann\nKarl Johans gate 22\n0026 Oslo\nNO",
                delta.findPayment(link.paymentId()).orElseThrow().deliveryAddress().orElseThrow());
    }

    @Test
    public void aLostCallbackIsRecoveredByThePoller() throws Exception {
        PaymentMethod delta = paymentMethod("delta");
        PaymentHandle link = ItSales.start(delta, sale("S-LOST-1", "+4799999999", null, LinkOptions.defaults()));
        emulator().setCallbackMode(CallbackMode.DROP);
        emulator().pay(link.sessionId().orElseThrow(), "vipps");
        PaymentHandle paid = awaitStatus(delta, link.paymentId(), PaymentStatus.AUTHORIZED);
        assertEquals("poller", paid.history().get(paid.history().size() - 1).source());
    }

    @Test
    public void duplicateAndReorderedCallbacksAreProcessedOnce() throws Exception {
        PaymentMethod delta = paymentMethod("delta");
        PaymentHandle twice = ItSales.start(delta, sale("S-DUP-1", "+4799999999", null, LinkOptions.defaults()));
        emulator().setCallbackMode(CallbackMode.DUPLICATE);
        emulator().pay(twice.sessionId().orElseThrow(), "vipps");
        PaymentHandle paid = awaitStatus(delta, twice.paymentId(), PaymentStatus.AUTHORIZED);

        emulator().setCallbackMode(CallbackMode.DELAY);
        PaymentHandle first = ItSales.start(delta, sale("S-ORDER-1", "+4799999999", null, LinkOptions.defaults()));
        PaymentHandle second = ItSales.start(delta, sale("S-ORDER-2", "+4799999999", null,
                LinkOptions.builder().autoCapture(true).build()));
        emulator().pay(first.sessionId().orElseThrow(), "klarna");
        emulator().pay(second.sessionId().orElseThrow(), "card");
        assertEquals(2, emulator().releaseCallbacks());
        awaitStatus(delta, first.paymentId(), PaymentStatus.AUTHORIZED);
        awaitStatus(delta, second.paymentId(), PaymentStatus.CAPTURED);
        Thread.sleep(1500); // let every duplicate delivery and a poller round land
        assertEquals(1, count(delta.findPayment(paid.paymentId()).orElseThrow(), PaymentStatus.AUTHORIZED));
        assertEquals(1, count(delta.findPayment(first.paymentId()).orElseThrow(), PaymentStatus.AUTHORIZED));
        assertEquals(1, count(delta.findPayment(second.paymentId()).orElseThrow(), PaymentStatus.CAPTURED));
    }

    @Test
    public void aPaymentMadeWhileTheDinteroBundleIsDownIsPickedUpAfterItsRestart() throws Exception {
        PaymentHandle link = ItSales.start(paymentMethod("delta"), sale("S-RESTART-1", "+4799999999", null,
                LinkOptions.defaults()));
        Bundle dintero = java.util.Arrays.stream(bundleContext.getBundles())
                .filter(b -> b.getSymbolicName().equals("org.tillpay.dintero")).findFirst().orElseThrow();
        dintero.stop();
        emulator().pay(link.sessionId().orElseThrow(), "vipps"); // its callback finds no servlet and is lost
        dintero.start();
        awaitStatus(paymentMethod("delta"), link.paymentId(), PaymentStatus.AUTHORIZED);
    }
}
