package org.tillpay.itests;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The console's REST API ({@code /tillpay/console/api/v1}, openapi.yaml) of one running node, as an outside program
 * (a till that is not Java) uses it: HTTP Basic on each request, JSON in and out. Used by the multi-node test and the
 * soak to start sales and capture, refund and cancel them.
 */
final class ConsoleApi {

    /** One shared client: the soak runs thousands of requests. */
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: the HTTP status and the JSON body (a missing or non-JSON body is an empty object). */
    record Reply(int status, JsonNode body) {
        boolean ok() {
            return status / 100 == 2;
        }

        String text(String field) {
            return body.path(field).asText(null);
        }
    }

    private final String base;
    private final String authorization;

    /**
     * @param nodeBaseUrl the node, e.g. {@code http://127.0.0.1:40123}
     * @param user a user of Karaf's realm, e.g. {@code manager}
     * @param password the password
     */
    ConsoleApi(String nodeBaseUrl, String user, String password) {
        this.base = nodeBaseUrl + "/tillpay/console/api/v1";
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Starts a sale with one line per amount, sent by SMS to a Norwegian test number.
     *
     * @param store the store id
     * @param sale the sale reference
     * @param lineAmounts each line's price (quantity 1, VAT 25 %), minor units
     * @param methods the methods offered, e.g. {@code vipps}
     * @param park whether to park it at once
     * @throws IOException when no answer came (the node is down or died meanwhile)
     */
    Reply startSale(String store, String sale, long[] lineAmounts, String[] methods, boolean park)
            throws IOException {
        ObjectNode body = JSON.createObjectNode().put("saleReference", sale).put("currency", "NOK")
                .put("customerPhone", "+4799999999").put("park", park);
        ArrayNode lines = body.putArray("lines");
        for (int i = 0; i < lineAmounts.length; i++) {
            lines.addObject().put("lineId", Integer.toString(i + 1)).put("description", "Item " + (i + 1))
                    .put("quantity", 1).put("unitPriceMinor", lineAmounts[i]);
        }
        ArrayNode offered = body.putArray("paymentMethods");
        for (String m : methods) {
            offered.add(m);
        }
        return post("/stores/" + store + "/payments", body);
    }

    /** Captures an amount (minor units), with the receipt number as reference. @throws IOException without answer */
    Reply capture(String paymentId, String reference, long amountMinor) throws IOException {
        return post("/payments/" + paymentId + "/captures",
                JSON.createObjectNode().put("reference", reference).put("amountMinor", amountMinor));
    }

    /** Refunds an amount (minor units) of what was captured. @throws IOException without answer */
    Reply refund(String paymentId, String reference, long amountMinor) throws IOException {
        return post("/payments/" + paymentId + "/refunds", JSON.createObjectNode().put("reference", reference)
                .put("amountMinor", amountMinor).put("reason", "return"));
    }

    /** Cancels an unpaid link, or voids a paid payment. @throws IOException without answer */
    Reply cancel(String paymentId) throws IOException {
        return post("/payments/" + paymentId + "/cancel", JSON.createObjectNode());
    }

    /** One payment, with history and operations. @throws IOException without answer */
    Reply payment(String paymentId) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(base + "/payments/" + paymentId)).GET());
    }

    /** The payments of a sale in a store (newest first; a list body). @throws IOException without answer */
    Reply paymentsOfSale(String store, String sale) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(base + "/payments?store=" + enc(store) + "&sale=" + enc(sale)
                + "&limit=50")).GET());
    }

    /** The stores (a list body). @throws IOException without answer */
    Reply stores() throws IOException {
        return send(HttpRequest.newBuilder(URI.create(base + "/stores")).GET());
    }

    private Reply post(String path, JsonNode body) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private Reply send(HttpRequest.Builder request) throws IOException {
        request.header("Authorization", authorization).timeout(Duration.ofSeconds(60));
        try {
            HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
            } catch (IOException notJson) {
                body = JSON.createObjectNode().put("text", r.body());
            }
            return new Reply(r.statusCode(), body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
