package org.tillpay.dintero.emulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Map;

import org.tillpay.dintero.emulator.testing.EmulatorServer;

import com.fasterxml.jackson.databind.JsonNode;

/** Transaction operations over HTTP for the tests. */
final class Ops {

    private Ops() {
    }

    /** {@code POST /v1/transactions/{id}/<operation>} with a JSON body, or none for {@code void}. */
    static Http.Response post(EmulatorServer server, String bearer, String txId, String operation, String json) {
        String url = server.checkoutBaseUrl() + "/v1/transactions/" + txId + "/" + operation;
        return json == null ? Http.postEmpty(url, bearer) : Http.postJson(url, bearer, json, Map.of());
    }

    /** An operation that must answer 200; returns the transaction. */
    static JsonNode ok(EmulatorServer server, String bearer, String txId, String operation, String json) {
        Http.Response r = post(server, bearer, txId, operation, json);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    /** An operation that must answer 400; returns the error message. */
    static String rejected(EmulatorServer server, String bearer, String txId, String operation, String json) {
        Http.Response r = post(server, bearer, txId, operation, json);
        assertEquals(400, r.status(), r.body());
        assertEquals("BAD_REQUEST", r.json().path("error").path("code").asText());
        return r.json().path("error").path("message").asText();
    }

    /** {@code GET /v1/transactions/{id}}. */
    static JsonNode transaction(EmulatorServer server, String bearer, String txId) {
        Http.Response r = Http.get(server.checkoutBaseUrl() + "/v1/transactions/" + txId, bearer);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    /** The transaction's last event. */
    static JsonNode last(JsonNode tx) {
        JsonNode events = tx.path("events");
        return events.get(events.size() - 1);
    }

    /** A capture or refund body: amount, reference, and items as line_id/amount pairs. */
    static String body(long amount, String referenceField, String reference, String... lineAmounts) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < lineAmounts.length; i += 2) {
            items.append(i == 0 ? "" : ",").append("{\"line_id\":\"").append(lineAmounts[i]).append("\",\"amount\":")
                    .append(lineAmounts[i + 1]).append('}');
        }
        return "{\"amount\":" + amount + (reference == null ? "" : ",\"" + referenceField + "\":\"" + reference + "\"")
                + (lineAmounts.length == 0 ? "" : ",\"items\":[" + items + "]") + "}";
    }

    /** A query parameter of a callback URL. */
    static String param(URI url, String name) {
        return QueryString.first(url.toString(), name).orElse(null);
    }
}
