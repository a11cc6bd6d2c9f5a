package org.tillpay.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.tillpay.dintero.api.onboarding.OnboardingReport;
import org.tillpay.dintero.api.onboarding.OnboardingRequest;
import org.tillpay.dintero.api.onboarding.StoreOnboarding;
import org.tillpay.dintero.api.operations.DinteroStoreOperations;
import org.tillpay.dintero.api.operations.StoreHealth;
import org.tillpay.dintero.emulator.DinteroPartnerEmulator;
import org.tillpay.payment.api.PaymentHandle;
import org.tillpay.payment.api.PaymentMethod;

/**
 * Onboarding in the distribution (issue 6): from a partner configuration and a fresh merchant account in the
 * emulator, one call makes the store live (its client, grant, profile, callback secret, configuration and a test
 * sale), a payment-link sale then succeeds through the store's own credentials and signed callback, and running it
 * again changes nothing; the store's configuration names its secrets, which are files in the secrets directory.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OnboardingIT extends TillpayTestSupport {

    /** Not the distribution's demo partner (T11200000), which is there too. */
    private static final String PARTNER = "T22200000";
    private static final String MERCHANT = "T22200001";
    private static final String SIGNUP = "erp-customer-4711";
    private static boolean configured;

    @Configuration
    public Option[] config() {
        return baseConfig();
    }

    @Before
    public void configure() throws Exception {
        if (configured) {
            return;
        }
        Dictionary<String, Object> partner = new Hashtable<>();
        partner.put("account.id", PARTNER);
        partner.put("client.id", "partner-client");
        partner.put("client.secret", "partner-client-secret");
        partner.put("signature.secret", "");
        partner.put("profile.ids", "default");
        factoryConfig("org.tillpay.dintero.emulator.account", "it-partner", partner);
        Dictionary<String, Object> merchant = new Hashtable<>();
        merchant.put("account.id", MERCHANT);
        merchant.put("client.id", "merchant-own-client");
        merchant.put("client.secret", "merchant-own-secret");
        merchant.put("signature.secret", "");
        merchant.put("profile.ids", "default");
        merchant.put("partner.id", PARTNER);
        merchant.put("signup.reference", SIGNUP);
        merchant.put("company.name", "Butikk Storgata AS");
        factoryConfig("org.tillpay.dintero.emulator.account", "it-merchant", merchant);
        awaitEmulatorAccount(PARTNER);
        awaitEmulatorAccount(MERCHANT);
        Dictionary<String, Object> config = new Hashtable<>();
        config.put("partner.id", PARTNER);
        config.put("client.id", "partner-client");
        config.put("client.secret", "partner-client-secret");
        config.put("api.base.url", karafBaseUrl() + "/dintero-emulator/api");
        config.put("checkout.base.url", karafBaseUrl() + "/dintero-emulator/checkout");
        config.put("callback.base.url", karafBaseUrl());
        factoryConfig("org.tillpay.dintero.partner", "it", config);
        configured = true;
    }

    private StoreOnboarding onboarding() {
        eventually(java.time.Duration.ofSeconds(30), "partner " + PARTNER + " configured", () -> {
            try {
                return bundleContext.getServiceReferences(StoreOnboarding.class,
                        "(" + StoreOnboarding.PARTNER_ID_PROPERTY + "=" + PARTNER + ")").size() == 1;
            } catch (org.osgi.framework.InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
        });
        return service(StoreOnboarding.class, "(" + StoreOnboarding.PARTNER_ID_PROPERTY + "=" + PARTNER + ")");
    }

    private OnboardingReport onboard() throws Exception {
        return onboarding().onboard(new OnboardingRequest(MERCHANT, "omega", "Butikk Storgata",
                SIGNUP, "1920-omega", List.of("vipps", "card"), true)).toCompletableFuture().get(120, TimeUnit.SECONDS);
    }

    @Test
    public void oneCallMakesTheStoreLiveAndASecondChangesNothing() throws Exception {
        for (org.osgi.framework.ServiceReference<?> ref : bundleContext.getServiceReferences(StoreOnboarding.class,
                null)) {
            for (String key : ref.getPropertyKeys()) {
                assertFalse(key + " on the service registry", String.valueOf(ref.getProperty(key))
                        .contains("partner-client-secret"));
            }
        }
        OnboardingReport first = onboard();
        assertTrue(first.toString(), first.succeeded());
        assertEquals(first.toString(), "test sale", first.steps().get(first.steps().size() - 1).name());
        assertEquals(first.toString(), OnboardingReport.Outcome.CHECKED,
                first.steps().get(first.steps().size() - 1).outcome());

        PaymentMethod omega = paymentMethod("omega");
        assertEquals("1920-omega", omega.accountingNumber());
        PaymentHandle link = ItSales.start(omega, ItSales.sale("omega", "S-OMEGA-1"));
        ItSales.payAndAwaitAuthorized(emulator(), omega, link, "vipps");

        org.osgi.service.cm.Configuration[] stored = configAdmin.listConfigurations("(store.id=omega)");
        assertEquals(1, stored.length);
        String reference = (String) stored[0].getProperties().get("client.secret");
        assertTrue(reference, reference.startsWith("$[secret:") && reference.endsWith("]"));
        Path secretFile = Path.of(System.getProperty("karaf.base"), "secrets",
                reference.substring("$[secret:".length(), reference.length() - 1));
        assertTrue(secretFile.toString(), Files.isRegularFile(secretFile));
        assertFalse(stored[0].getProperties().toString().contains(Files.readString(secretFile)));

        OnboardingReport second = onboard();
        assertTrue(second.toString(), second.succeeded() && second.changedNothing());
        assertEquals(link.paymentId(), paymentMethod("omega").findPayment(link.paymentId()).orElseThrow().paymentId());
    }

    private StoreHealth health(String store) throws Exception {
        return service(DinteroStoreOperations.class, "(tillpay.store.id=" + store + ")").health()
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    public void aRotatedSecretKeepsPaymentsWorkingAndARevokedClientShowsInHealth() throws Exception {
        StoreOnboarding onboarding = onboarding();
        OnboardingReport onboarded = onboarding.onboard(new OnboardingRequest(MERCHANT, "psi", "Butikk Torget", SIGNUP,
                "1920-psi", List.of("vipps"), false)).toCompletableFuture().get(120, TimeUnit.SECONDS);
        assertTrue(onboarded.toString(), onboarded.succeeded());
        PaymentMethod psi = paymentMethod("psi");
        assertTrue(health("psi").tokenObtainable());
        PaymentHandle before = ItSales.start(psi, ItSales.sale("psi", "S-PSI-1"));

        // no downtime: the store's service stays registered and sales go on while the secret is rotated
        Object serviceId = bundleContext.getServiceReferences(PaymentMethod.class, "(tillpay.store.id=psi)")
                .iterator().next().getProperty(Constants.SERVICE_ID);
        AtomicInteger unregistered = new AtomicInteger();
        ServiceListener watch = event -> unregistered.addAndGet(event.getType() == ServiceEvent.UNREGISTERING ? 1 : 0);
        bundleContext.addServiceListener(watch, "(&(objectClass=" + PaymentMethod.class.getName()
                + ")(tillpay.store.id=psi))");
        AtomicBoolean rotating = new AtomicBoolean(true);
        CompletableFuture<Integer> salesMeanwhile = CompletableFuture.supplyAsync(() -> {
            int sales = 0;
            try {
                while (rotating.get() || sales < 3) {
                    ItSales.start(psi, ItSales.sale("psi", "S-PSI-R" + sales));
                    sales++;
                }
            } catch (Exception e) {
                throw new CompletionException(e);
            }
            return sales;
        });
        OnboardingReport rotated;
        try {
            rotated = onboarding.rotateClientSecret(MERCHANT, "psi").toCompletableFuture().get(120, TimeUnit.SECONDS);
        } finally {
            rotating.set(false);
        }
        assertTrue(rotated.toString(), rotated.succeeded());
        assertTrue("sales went on during the rotation", salesMeanwhile.get(60, TimeUnit.SECONDS) >= 3);
        bundleContext.removeServiceListener(watch);
        assertEquals(0, unregistered.get());
        assertEquals(serviceId, bundleContext.getServiceReferences(PaymentMethod.class, "(tillpay.store.id=psi)")
                .iterator().next().getProperty(Constants.SERVICE_ID));
        assertTrue("a fresh token comes with the new secret at once", health("psi").tokenObtainable());
        // the link made before the rotation is paid after it, and a new sale works on the new secret
        ItSales.payAndAwaitAuthorized(emulator(), paymentMethod("psi"), before, "vipps");
        PaymentHandle after = ItSales.start(paymentMethod("psi"), ItSales.sale("psi", "S-PSI-2"));
        ItSales.payAndAwaitAuthorized(emulator(), paymentMethod("psi"), after, "vipps");

        DinteroPartnerEmulator partners = awaitService(DinteroPartnerEmulator.class);
        String clientId = (String) partners.apiClients(MERCHANT).stream()
                .filter(c -> "Tillpay POS psi".equals(c.get("name"))).findFirst().orElseThrow().get("id");
        partners.revokeClient(MERCHANT, clientId);
        StoreHealth revoked = health("psi");
        assertFalse(revoked.toString(), revoked.tokenObtainable());
        assertTrue(revoked.tokenDetail(), revoked.tokenDetail().contains("401"));
        assertTrue("another store is not affected", health("demo").tokenObtainable());
    }
}
