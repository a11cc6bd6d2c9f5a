package org.tillpay.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;
import org.tillpay.dintero.emulator.EmulatedPayment;
import org.tillpay.dintero.emulator.OutboxMessage;
import org.tillpay.ledger.PaymentLedger;
import org.tillpay.ledger.PaymentRecord;
import org.tillpay.payment.api.PaymentHandle;
import org.tillpay.payment.api.PaymentListener;
import org.tillpay.payment.api.PaymentMethod;
import org.tillpay.payment.api.PaymentRequest;
import org.tillpay.payment.api.PaymentStatus;
import org.tillpay.payment.api.StatusChange;

/**
 * A payment-link sale end to end inside our distribution: SPI → session in the emulator with the right store's token →
 * the customer pays → signed callback → read-back → the host's listener hears AUTHORIZED → ledger row committed.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DinteroPaymentLinkIT extends TillpayTestSupport {

    private static final Duration PAID_WITHIN = Duration.ofSeconds(15);

    /** Stores are configured once per container (the container lives for this class only). */
    private static boolean storesConfigured;

    private final RecordingListener listener = new RecordingListener();
    private ServiceRegistration<PaymentListener> listenerRegistration;

    @Configuration
    public Option[] config() {
        return baseConfig();
    }

    @Before
    public void registerListener() throws Exception {
        listenerRegistration = bundleContext.registerService(PaymentListener.class, listener, new Hashtable<>());
        if (!storesConfigured) {
            configureStore("alpha", "T11111111", "alpha-client", "alpha-secret", "alpha-signing");
            configureStore("beta", "T22222222", "beta-client", "beta-secret", "beta-signing");
            storesConfigured = true;
        }
    }

    @After
    public void unregisterListener() {
        listenerRegistration.unregister();
    }


    private static PaymentRequest sale(String store, String reference) {
        return ItSales.sale(store, reference);
    }

    private static PaymentHandle start(PaymentMethod method, PaymentRequest request) throws Exception {
        return ItSales.start(method, request);
    }

    private PaymentRecord ledgerRow(String paymentId) {
        return service(PaymentLedger.class, null).find(paymentId).orElseThrow();
    }

    private void assertPaidThroughCallback(PaymentHandle link, String method) {
        EmulatedPayment paid = emulator().pay(link.sessionId().orElseThrow(), method);
        eventually(PAID_WITHIN, "the host hears AUTHORIZED for " + link.paymentId(),
                () -> listener.statusesOf(link.paymentId()).contains(PaymentStatus.AUTHORIZED));
        PaymentRecord row = ledgerRow(link.paymentId());
        assertEquals(PaymentStatus.AUTHORIZED, row.status());
        assertEquals(paid.transactionId(), row.transactionId());
        assertEquals(List.of(PaymentStatus.CREATED, PaymentStatus.LINK_SENT, PaymentStatus.AUTHORIZED),
                row.history().stream().map(StatusChange::status).toList());
        assertEquals("callback", row.history().get(2).source());
        eventually(PAID_WITHIN, "the emulator saw our 200 to its callback", () -> emulator().callbackDeliveries().stream()
                .anyMatch(d -> d.sessionId().equals(link.sessionId().get()) && d.httpStatus() == 200));
    }

    @Test
    public void demoStoreSaleIsPaidByTheCustomerAndCompletesThroughTheSignedCallback() throws Exception {
        PaymentMethod demo = paymentMethod("demo");
        assertEquals("1920", demo.accountingNumber());
        // the demo store's secrets are not in etc/: its configuration names files in secrets/, read by Config Admin
        org.osgi.service.cm.Configuration[] stored = configAdmin.listConfigurations("(store.id=demo)");
        assertEquals(1, stored.length);
        assertEquals("$[secret:demo-client-secret]", stored[0].getProperties().get("client.secret"));
        assertEquals("$[secret:demo-signature-secret]", stored[0].getProperties().get("signature.secret"));
        PaymentHandle link = start(demo, sale("demo", "S-DEMO-1"));
        assertEquals(PaymentStatus.LINK_SENT, link.status());
        assertEquals(79700, link.amountMinor());
        assertTrue(link.paymentUrl().orElseThrow().startsWith(karafBaseUrl() + "/dintero-emulator/checkout/v1/view/"));
        List<OutboxMessage> sms = emulator().outbox().stream()
                .filter(m -> m.sessionId().equals(link.sessionId().get())).toList();
        assertEquals(1, sms.size());
        assertEquals("sms", sms.get(0).channel());
        assertEquals("+4799999999", sms.get(0).phoneNumber());

        Map<String, Object> session = emulator().session(link.sessionId().get()).orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> order = (Map<String, Object>) session.get("order");
        assertEquals("S-DEMO-1/1", order.get("merchant_reference"));
        assertEquals(79700, ((Number) order.get("amount")).intValue());
        assertEquals(11960, ((Number) order.get("vat_amount")).intValue());

        assertPaidThroughCallback(link, "vipps");
        assertEquals("vipps", demo.findPayment(link.paymentId()).orElseThrow().paymentProduct().orElseThrow());
    }

    @Test
    public void eachStoreUsesItsOwnCredentialsAndOneTokenPerLifetime() throws Exception {
        PaymentMethod alpha = paymentMethod("alpha");
        PaymentMethod beta = paymentMethod("beta");
        // The stores live for the whole class: each fetches exactly one token in its lifetime, whatever ran before.
        PaymentHandle a1 = start(alpha, sale("alpha", "S-A-1"));
        assertTrue(a1.sessionId().orElseThrow().startsWith("T11111111."));
        assertEquals(1, emulator().tokenRequests("T11111111"));
        PaymentHandle b1 = start(beta, sale("beta", "S-B-1"));
        assertTrue(b1.sessionId().orElseThrow().startsWith("T22222222."));
        assertEquals(1, emulator().tokenRequests("T22222222"));
        PaymentHandle a2 = start(alpha, sale("alpha", "S-A-2"));
        assertEquals("one token per store per lifetime", 1, emulator().tokenRequests("T11111111"));
        assertEquals(1, emulator().tokenRequests("T22222222"));

        assertPaidThroughCallback(a1, "card");
        assertPaidThroughCallback(b1, "klarna");
        assertPaidThroughCallback(a2, "mobilepay");
        assertTrue(listener.all().stream().filter(h -> h.payment().paymentId().equals(b1.paymentId()))
                .allMatch(h -> h.payment().storeId().equals("beta")));
    }

    @Test
    public void badSignaturesAndOtherStoresCallbacksChangeNothing() throws Exception {
        PaymentHandle a = start(paymentMethod("alpha"), sale("alpha", "S-A-SIG"));
        PaymentHandle b = start(paymentMethod("beta"), sale("beta", "S-B-SIG"));
        String bSession = b.sessionId().orElseThrow();

        // Forged: the right shape, signed with a wrong secret.
        assertEquals(403, callback("alpha", a.sessionId().get(), "S-A-SIG/1", "not-the-secret", "T11111111"));
        // Unsigned.
        assertEquals(403, callback("alpha", a.sessionId().get(), "S-A-SIG/1", null, "T11111111"));
        // Signed with alpha's secret, but naming beta's session on alpha's URL: alpha has no such payment.
        assertEquals(503, callback("alpha", bSession, "S-B-SIG/1", "alpha-signing", "T11111111"));
        // Signed for beta's URL with alpha's secret.
        assertEquals(403, callback("beta", bSession, "S-B-SIG/1", "alpha-signing", "T11111111"));

        assertEquals(PaymentStatus.LINK_SENT, ledgerRow(a.paymentId()).status());
        assertEquals(PaymentStatus.LINK_SENT, ledgerRow(b.paymentId()).status());
        assertEquals(2, ledgerRow(b.paymentId()).history().size());
        assertTrue(listener.statusesOf(b.paymentId()).stream().noneMatch(PaymentStatus::isPaid));

        // A correctly signed callback for an unpaid session is only a hint: the read-back finds nothing paid.
        assertEquals(200, callback("beta", bSession, "S-B-SIG/1", "beta-signing", "T22222222"));
        assertEquals(PaymentStatus.LINK_SENT, ledgerRow(b.paymentId()).status());

        assertPaidThroughCallback(b, "klarna"); // (Swish would end CAPTURED at once)
    }

    @Test
    public void aBrokenStoreConfigurationLeavesThatStoreInactiveAndOthersWorking() throws Exception {
        Dictionary<String, Object> broken = storeProperties("gamma", "X1234", "gamma-client", "gamma-secret", "gamma-signing");
        factoryConfig("org.tillpay.dintero.store", "it-gamma", broken);
        Path log = Path.of(System.getProperty("karaf.data"), "log", "karaf.log");
        eventually(Duration.ofSeconds(20), "the log says why store gamma is inactive", () -> {
            try {
                return Files.readString(log).contains("store gamma: configuration refused, store inactive: account.id:");
            } catch (java.io.IOException e) {
                return false;
            }
        });
        assertNull(service(PaymentMethod.class, "(" + PaymentMethod.STORE_ID_PROPERTY + "=gamma)"));
        assertFalse(Files.readString(log).contains("gamma-secret"));

        PaymentHandle a = start(paymentMethod("alpha"), sale("alpha", "S-A-GAMMA"));
        assertPaidThroughCallback(a, "googlepay");
    }

    /** Sends a callback the way Dintero does, signed (or not) by the test. */
    private int callback(String store, String sessionId, String merchantReference, String secret, String account)
            throws Exception {
        Map<String, String> params = new TreeMap<>();
        params.put("report_error", "true");
        params.put("session_id", sessionId);
        params.put("merchant_reference", merchantReference);
        params.put("time", java.time.Instant.now().toString());
        StringBuilder query = new StringBuilder();
        params.forEach((k, v) -> query.append(query.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        String path = "/tillpay/dintero/callback/" + store;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(karafBaseUrl() + path + "?" + query)).GET();
        if (secret != null) {
            long t = java.time.Instant.now().getEpochSecond();
            String payload = t + "\n" + account + "\nGET\n127.0.0.1\n" + path + "\n" + query;
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            request.header("Dintero-Signature", "t=" + t + ",v0-hmac-sha256="
                    + HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8))));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
