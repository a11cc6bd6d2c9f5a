package org.tillpay.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;
import org.tillpay.dintero.emulator.DinteroEmulator;
import org.tillpay.payment.api.LinkExpiry;
import org.tillpay.payment.api.LinkOptions;
import org.tillpay.payment.api.PaymentHandle;
import org.tillpay.payment.api.PaymentLine;
import org.tillpay.payment.api.PaymentListener;
import org.tillpay.payment.api.PaymentMethod;
import org.tillpay.payment.api.PaymentRequest;
import org.tillpay.payment.api.PaymentStatus;

/**
 * Each expiry choice (1 day, 1 week, 1 month) on the emulator's clock, which the test moves forward: an unpaid,
 * parked link is reported EXPIRED to the host once Dintero's clock passes its expiry, and not before. (Its own
 * container: the emulator's clock only moves forward.)
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LinkExpiryIT extends TillpayTestSupport {

    @Configuration
    public Option[] config() {
        return baseConfig();
    }

    private static PaymentRequest sale(String reference, LinkExpiry expiry) {
        return PaymentRequest.builder().storeId("echo").saleReference(reference).currency("NOK")
                .line(PaymentLine.builder().lineId("1").description("Sykkel").unitPriceMinor(499900))
                .customerPhone("+4799999999").linkOptions(LinkOptions.builder().expiry(expiry).build()).build();
    }

    @Test
    public void eachExpiryChoiceEndsOnDinterosClock() throws Exception {
        configureEmulatorAccount("echo", "T44444444", "echo-client", "echo-secret", "echo-signing");
        Dictionary<String, Object> store = storeProperties("echo", "T44444444", "echo-client", "echo-secret", "echo-signing");
        store.put("poll.interval.seconds", 1);
        store.put("parked.poll.interval.seconds", 10);
        factoryConfig("org.tillpay.dintero.store", "it-echo", store);
        RecordingListener listener = new RecordingListener();
        Dictionary<String, Object> onlyEcho = new Hashtable<>();
        onlyEcho.put(PaymentMethod.STORE_ID_PROPERTY, "echo");
        ServiceRegistration<PaymentListener> registration = bundleContext.registerService(PaymentListener.class,
                listener, onlyEcho);
        try {
            PaymentMethod echo = paymentMethod("echo");
            DinteroEmulator dintero = emulator();
            PaymentHandle day = echo.parkPayment(ItSales.start(echo, sale("S-DAY", LinkExpiry.ONE_DAY)).paymentId());
            PaymentHandle week = echo.parkPayment(ItSales.start(echo, sale("S-WEEK", LinkExpiry.ONE_WEEK)).paymentId());
            PaymentHandle month = echo.parkPayment(ItSales.start(echo, sale("S-MONTH", LinkExpiry.ONE_MONTH)).paymentId());
            assertEquals(Duration.ofDays(1), Duration.between(day.createdAt(), day.expiresAt().orElseThrow()));
            assertEquals(Duration.ofDays(7), Duration.between(week.createdAt(), week.expiresAt().orElseThrow()));
            assertEquals(Duration.ofDays(30), Duration.between(month.createdAt(), month.expiresAt().orElseThrow()));

            dintero.advanceClock(Duration.ofHours(23));
            Thread.sleep(12_000); // a parked-poll round: nothing may expire early
            assertEquals(PaymentStatus.LINK_SENT, echo.findPayment(day.paymentId()).orElseThrow().status());

            dintero.advanceClock(Duration.ofHours(1).plusMinutes(1));
            awaitExpired(echo, listener, day);
            assertEquals(PaymentStatus.LINK_SENT, echo.findPayment(week.paymentId()).orElseThrow().status());
            dintero.advanceClock(Duration.ofDays(6));
            awaitExpired(echo, listener, week);
            assertEquals(PaymentStatus.LINK_SENT, echo.findPayment(month.paymentId()).orElseThrow().status());
            dintero.advanceClock(Duration.ofDays(23));
            awaitExpired(echo, listener, month);
        } finally {
            registration.unregister();
        }
    }

    private static void awaitExpired(PaymentMethod echo, RecordingListener listener, PaymentHandle link) {
        eventually(Duration.ofSeconds(30), link.saleReference() + " is reported EXPIRED",
                () -> listener.statusesOf(link.paymentId()).contains(PaymentStatus.EXPIRED));
        PaymentHandle expired = echo.findPayment(link.paymentId()).orElseThrow();
        assertEquals(PaymentStatus.EXPIRED, expired.status());
        assertTrue(expired.parked());
        assertEquals(List.of(PaymentStatus.EXPIRED), listener.statusesOf(link.paymentId()).stream()
                .filter(PaymentStatus::isTerminal).toList());
    }
}
