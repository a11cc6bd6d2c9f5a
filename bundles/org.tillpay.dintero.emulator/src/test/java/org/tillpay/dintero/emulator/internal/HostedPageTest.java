package org.tillpay.dintero.emulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tillpay.dintero.emulator.DinteroEmulator;
import org.tillpay.dintero.emulator.testing.EmulatorServer;

import com.fasterxml.jackson.databind.JsonNode;

/** The hosted payment page {@code /checkout/v1/view/{id}}. */
class HostedPageTest {

    private final EmulatorServer server = EmulatorServer.start();
    private final String bearer = Http.bearer(server);

    @AfterEach
    void close() {
        Http.closeCheckingContract(server);
    }

    private JsonNode create(String body) {
        return Http.createSession(server, bearer, body);
    }

    private JsonNode session(String id) {
        return Http.get(server.checkoutBaseUrl() + "/v1/sessions/" + id, bearer).json();
    }

    private static List<String> eventNames(JsonNode session) {
        return session.path("events").findValuesAsText("name");
    }

    @Test
    void pageShowsAmountLinesAndMethodsAndRecordsVisit() {
        JsonNode created = create(Sessions.body());
        Http.Response page = Http.get(created.path("url").asText(), null);
        assertEquals(200, page.status());
        assertTrue(page.contentType().startsWith("text/html"));
        assertTrue(page.body().contains("598.00 NOK"), page.body());
        assertTrue(page.body().contains("Butikk Storgata"));
        assertTrue(page.body().contains("Genser") && page.body().contains("498.00 NOK"));
        for (String method : DinteroEmulator.PAYMENT_METHODS) {
            assertTrue(page.body().contains("name=\"method\" value=\"" + method + "\""), method);
        }
        for (String label : List.of("Vipps", "MobilePay", "Swish", "Klarna", "Walley", "Billie", "Card", "Apple Pay",
                "Google Pay")) {
            assertTrue(page.body().contains(">" + label + "</button>"), label);
        }
        assertTrue(page.body().contains("value=\"decline\""));
        assertEquals(List.of("INITIATED", "VISITED"), eventNames(session(created.path("id").asText())));
    }

    @Test
    void payingOnThePageRedirectsToReturnUrlWithTransaction() {
        JsonNode created = create(Sessions.body());
        String id = created.path("id").asText();
        Http.Response r = Http.postForm(created.path("url").asText(), "action=pay&method=vipps");
        assertEquals(303, r.status());
        URI location = URI.create(r.location());
        assertEquals("https://pos.example.com/dintero/thanks", location.toString().replaceFirst("\\?.*", ""));
        String txId = QueryString.first(r.location(), "transaction_id").orElseThrow();
        assertEquals("S-000123/1", QueryString.first(r.location(), "merchant_reference").orElseThrow());
        assertEquals(id, QueryString.first(r.location(), "session_id").orElseThrow());
        JsonNode session = session(id);
        assertEquals(txId, session.path("transaction_id").asText());
        assertTrue(eventNames(session).contains("AUTHORIZED"));
        JsonNode tx = Http.get(server.checkoutBaseUrl() + "/v1/transactions/" + txId, bearer).json();
        assertEquals("AUTHORIZED", tx.path("status").asText());
        assertEquals("vipps", tx.path("payment_product_type").asText());

        Http.Response again = Http.postForm(created.path("url").asText(), "action=pay&method=card");
        assertEquals(409, again.status());
        Http.Response view = Http.get(created.path("url").asText(), null);
        assertEquals(200, view.status());
        assertTrue(view.body().contains("This payment is complete"));
    }

    @Test
    void decliningRedirectsWithErrorCancelled() {
        JsonNode created = create(Sessions.body());
        Http.Response r = Http.postForm(created.path("url").asText(), "action=decline");
        assertEquals(303, r.status());
        assertEquals("cancelled", QueryString.first(r.location(), "error").orElseThrow());
        assertEquals("S-000123/1", QueryString.first(r.location(), "merchant_reference").orElseThrow());
        assertTrue(QueryString.first(r.location(), "transaction_id").isEmpty());
        assertTrue(eventNames(session(created.path("id").asText())).contains("DECLINED"));
    }

    @Test
    void expiredAndCancelledLinksAreGone() {
        JsonNode expired = create(Sessions.body());
        server.emulator().expire(expired.path("id").asText());
        Http.Response page = Http.get(expired.path("url").asText(), null);
        assertEquals(410, page.status());
        assertTrue(page.body().contains("This payment link has expired"));
        assertEquals(410, Http.postForm(expired.path("url").asText(), "action=pay&method=card").status());

        JsonNode cancelled = create(Sessions.body());
        assertEquals(200, Http.postEmpty(server.checkoutBaseUrl() + "/v1/sessions/" + cancelled.path("id").asText()
                + "/cancel", bearer).status());
        Http.Response cancelledPage = Http.get(cancelled.path("url").asText(), null);
        assertEquals(410, cancelledPage.status());
        assertTrue(cancelledPage.body().contains("was cancelled"));
    }

    @Test
    void unknownSessionAndBadInputs() {
        assertEquals(404, Http.get(server.checkoutBaseUrl() + "/v1/view/T12345678.nope", null).status());
        String url = create(Sessions.body()).path("url").asText();
        assertEquals(400, Http.postForm(url, "action=pay&method=bitcoin").status());
        assertEquals(400, Http.postForm(url, "action=dance").status());
    }

    @Test
    void merchantTextIsEscaped() {
        JsonNode created = create(Sessions.body().replace("Genser", "<script>x</script>"));
        String body = Http.get(created.path("url").asText(), null).body();
        assertTrue(body.contains("&lt;script&gt;x&lt;/script&gt;"));
        assertTrue(!body.contains("<script>"));
    }
}
