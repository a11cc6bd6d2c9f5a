package org.tillpay.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNotSame;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.FrameworkWiring;
import org.tillpay.dintero.emulator.DinteroEmulator;
import org.tillpay.payment.api.PaymentHandle;
import org.tillpay.payment.api.PaymentMethod;
import org.tillpay.payment.api.PaymentStatus;

/**
 * Updating and refreshing the Dintero bundle (the one that embeds Camel) keeps payments working, and lets the old
 * bundle's class loader, with its whole embedded Camel, be garbage-collected.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DinteroBundleUpdateIT extends TillpayTestSupport {

    @Configuration
    public Option[] config() {
        return baseConfig();
    }

    @Test
    public void paymentsWorkAfterUpdateAndRefreshAndTheOldCamelIsReleased() throws Exception {
        DinteroEmulator emulator = emulator();
        assertNotNull(emulator);
        PaymentHandle before = payOnce(emulator, "S-UPD-1");
        WeakReference<ClassLoader> oldLoader = new WeakReference<>(loaderOfDemoStore());

        Bundle dintero = Arrays.stream(bundleContext.getBundles())
                .filter(b -> b.getSymbolicName().equals("org.tillpay.dintero")).findFirst().orElseThrow();
        long oldBundleId = dintero.getBundleId();
        dintero.update();
        CountDownLatch refreshed = new CountDownLatch(1);
        bundleContext.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(dintero), e -> refreshed.countDown());
        refreshed.await(60, TimeUnit.SECONDS);
        assertEquals(Bundle.ACTIVE, bundleContext.getBundle(oldBundleId).getState());

        PaymentMethod demo = paymentMethod("demo");
        assertNotSame(oldLoader.get(), demo.getClass().getClassLoader());
        assertEquals(PaymentStatus.AUTHORIZED, demo.findPayment(before.paymentId()).orElseThrow().status());
        payOnce(emulator, "S-UPD-2");

        eventually(Duration.ofSeconds(60), "the old bundle class loader (and its embedded Camel) is collected", () -> {
            System.gc();
            return oldLoader.get() == null;
        });
    }

    private ClassLoader loaderOfDemoStore() {
        return paymentMethod("demo").getClass().getClassLoader();
    }

    private PaymentHandle payOnce(DinteroEmulator emulator, String reference) throws Exception {
        PaymentMethod demo = paymentMethod("demo");
        PaymentHandle link = ItSales.start(demo, ItSales.sale("demo", reference));
        ItSales.payAndAwaitAuthorized(emulator, demo, link, "vipps");
        return link;
    }
}
