package org.tillpay.dintero.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.tillpay.dintero.emulator.CallbackDelivery;
import org.tillpay.dintero.emulator.CallbackMode;
import org.tillpay.dintero.emulator.WebhookDelivery;
import org.tillpay.dintero.internal.client.DinteroApi;
import org.tillpay.dintero.internal.client.DinteroJson;
import org.tillpay.ledger.PaymentRecord;
import org.tillpay.payment.api.PaymentHandle;
import org.tillpay.payment.api.PaymentStatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Dintero's {@code checkout_transaction} webhook (API.md &sect;8) as a second way, beside callbacks, of hearing that a
 * payment changed: subscribed when a store starts, verified, and only ever a hint to read the payment back.
 */
class TransactionWebhookTest extends StoreFlowTestBase {

    private static DinteroStoreCore storeWithWebhooks(String storeId) throws Exception {
        DinteroStoreCore store = fixture.store(storeId, Map.of("webhook_secret", "webhook-secret-of-store-" + storeId));
        assertTrue(store.ensureAccountSetup(0).get(30, TimeUnit.SECONDS), "webhooks and Insight set up");
        String url = WebhookSubscriber.hookUrl(store.settings());
        StoreFlowFixture.await("the subscription's ping reached store " + storeId, () -> deliveries(url, "ping")
                .stream().anyMatch(d -> d.httpStatus() == 200));
        return store;
    }

    private static List<WebhookDelivery> deliveries(String url, String event) {
        return fixture.dintero.settlements().webhookDeliveries().stream()
                .filter(d -> d.url().equals(url) && d.event().equals(event)).toList();
    }

    @Test
    void aPaymentWhoseCallbacksAreLostCompletesFromTheWebhook() throws Exception {
        DinteroStoreCore store = storeWithWebhooks("021");
        fixture.dintero.emulator().setCallbackMode(CallbackMode.DROP);
        PaymentHandle link = store.startPayment(StoreFlowFixture.sale("021", "W-1").build()).toCompletableFuture()
                .get(20, TimeUnit.SECONDS);
        String session = link.sessionId().orElseThrow();
        fixture.dintero.emulator().pay(session, "vipps");

        PaymentRecord paid = fixture.awaitStatus(link.paymentId(), PaymentStatus.AUTHORIZED);
        assertEquals("vipps", paid.paymentProduct());
        List<CallbackDelivery> callbacks = fixture.dintero.emulator().callbackDeliveries().stream()
                .filter(d -> d.sessionId().equals(session)).toList();
        assertFalse(callbacks.isEmpty());
        assertTrue(callbacks.stream().allMatch(d -> d.outcome() == CallbackDelivery.Outcome.DROPPED), callbacks::toString);
        String url = WebhookSubscriber.hookUrl(store.settings());
        StoreFlowFixture.await("the webhook was answered 200", () -> deliveries(url, "checkout_transaction").stream()
                .anyMatch(d -> d.httpStatus() == 200));
        // no poller runs here and every callback was dropped: the webhook's hint brought it
        assertEquals("callback", paid.history().get(paid.history().size() - 1).source());
    }

    @Test
    void anotherStoresTransactionIsAnsweredOkAndChangesNothing() throws Exception {
        DinteroStoreCore paying = storeWithWebhooks("022");
        DinteroStoreCore other = storeWithWebhooks("023");
        PaymentHandle link = paying.startPayment(StoreFlowFixture.sale("022", "W-2").build()).toCompletableFuture()
                .get(20, TimeUnit.SECONDS);
        fixture.dintero.emulator().pay(link.sessionId().orElseThrow(), "card");
        fixture.awaitStatus(link.paymentId(), PaymentStatus.AUTHORIZED);
        String otherUrl = WebhookSubscriber.hookUrl(other.settings());
        StoreFlowFixture.await("store 023 was told of store 022's transaction", () -> deliveries(otherUrl,
                "checkout_transaction").stream().anyMatch(d -> d.httpStatus() == 200));
        assertEquals(List.of(), fixture.ledger.findPending("023", 10));
        assertTrue(fixture.ledger.findByMerchantReference("023", "W-2/1").isEmpty());
    }

    @Test
    void anOlderSettlementOnlySubscriptionIsCompletedNotReplaced() throws Exception {
        DinteroStoreCore store = fixture.store("024", Map.of("webhook_secret", "webhook-secret-of-store-024"));
        DinteroApi api = new DinteroApi(store.settings(), fixture.host, Clock.systemUTC());
        String url = WebhookSubscriber.hookUrl(store.settings());
        ObjectNode older = DinteroJson.MAPPER.createObjectNode();
        older.putObject("config").put("url", url).put("content_type", "application/json").putObject("secret")
                .put("type", "HMAC-SHA1").put("value", "webhook-secret-of-store-024");
        older.putArray("events").add("settlement_add");
        String olderId = api.createHookSubscription(older).get(10, TimeUnit.SECONDS).path("id").asText();

        assertTrue(WebhookSubscriber.ensure(store.settings(), api).get(10, TimeUnit.SECONDS));
        List<List<String>> events = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (JsonNode s : api.listHookSubscriptions().get(10, TimeUnit.SECONDS)) {
            if (url.equals(s.path("config").path("url").asText())) {
                ids.add(s.path("id").asText());
                List<String> names = new ArrayList<>();
                s.path("events").forEach(e -> names.add(e.asText()));
                events.add(names);
            }
        }
        assertEquals(List.of(List.of("settlement_add"), List.of("checkout_transaction")), events);
        assertEquals(olderId, ids.get(0), "the older subscription is kept as it was");
        assertFalse(WebhookSubscriber.ensure(store.settings(), api).get(10, TimeUnit.SECONDS),
                "a second start finds both events covered");
    }

    @Test
    void aForgedOrMalformedWebhookIsRefusedAndAnUnknownSessionIgnored() throws Exception {
        DinteroStoreCore store = fixture.store("025", Map.of("webhook_secret", "webhook-secret-of-store-025"));
        PaymentHandle link = store.startPayment(StoreFlowFixture.sale("025", "W-5").build()).toCompletableFuture()
                .get(20, TimeUnit.SECONDS);
        String url = WebhookSubscriber.hookUrl(store.settings());
        String forged = "{\"event\":\"checkout_transaction\",\"transaction\":{\"id\":\"T1\",\"session_id\":\""
                + link.sessionId().orElseThrow() + "\",\"merchant_reference\":\"W-5/1\",\"status\":\"AUTHORIZED\"}}";
        assertEquals(403, post(url, forged, "wrong-secret"));
        assertEquals(400, post(url, "{\"event\":\"checkout_transaction\",\"transaction\":{}}", "webhook-secret-of-store-025"));
        assertEquals(400, post(url, "not json", "webhook-secret-of-store-025"));
        assertEquals(200, post(url, forged.replace(link.sessionId().get(), "T99999999.unknown").replace("W-5/1",
                "W-OTHER/1"), "webhook-secret-of-store-025"));
        // a genuine one is a hint only: the body says AUTHORIZED, Dintero says the link is unpaid
        assertEquals(200, post(url, forged, "webhook-secret-of-store-025"));
        StoreFlowFixture.await("the hint was read back", () -> fixture.ledger.unprocessedCallbackHints("025", 10)
                .isEmpty());
        assertEquals(PaymentStatus.LINK_SENT, fixture.ledger.find(link.paymentId()).orElseThrow().status());
    }

    private static int post(String url, String body, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("event", "checkout_transaction")
                .header("event-delivery", "test-delivery").header("event-signature",
                        HexFormat.of().formatHex(mac.doFinal(bytes)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
