package org.tillpay.dintero.emulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tillpay.dintero.emulator.testing.EmulatorServer;

import com.fasterxml.jackson.databind.JsonNode;

/** Insight report configurations: create, list, read, replace, delete; validation naming the field; scopes. */
class InsightConfigurationTest {

    private static final String ACCOUNT = EmulatorServer.ACCOUNT_ID;
    private static final String OTHER = "T87654321";
    static final String MONTHLY = "{\"dataType\":\"checkout/transactions\",\"name\":\"POS monthly\","
            + "\"schedule\":\"monthly\",\"language\":\"no\",\"emails\":[\"regnskap@example.no\"],"
            + "\"reportFilters\":[{\"filter\":\"store_id\",\"value\":\"012\"}],"
            + "\"contentTypes\":[\"text/csv\",\"application/pdf\"]}";

    private final EmulatorServer server = EmulatorServer.builder().defaultAccount()
            .account(OTHER, "other-client", "other-secret", "", "default")
            .scopedAccount("T11111111", "reader", "reader-secret", List.of("read:insight"), "default")
            .scopedAccount("T22222222", "checkout-only", "checkout-secret", List.of("admin:checkout"), "default")
            .scopedAccount("T33333333", "reports", "reports-secret", List.of("read:reports"), "default").start();
    private final String bearer = Http.bearer(server);

    @AfterEach
    void close() {
        Http.closeCheckingContract(server);
    }

    private String url(String accountId) {
        return server.apiBaseUrl() + "/v1/accounts/" + accountId + "/insight/reports/configuration";
    }

    private JsonNode create(String body) {
        Http.Response r = Http.postJson(url(ACCOUNT), bearer, body, Map.of());
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    @Test
    void createListReadReplaceAndDelete() {
        JsonNode created = create(MONTHLY);
        String id = created.path("id").asText();
        assertEquals(36, id.length(), "a UUID: " + id);
        assertEquals(ACCOUNT, created.path("accountId").asText());
        assertEquals(EmulatorServer.CLIENT_ID, created.path("created_by").asText());
        assertTrue(created.path("created_at").asText().endsWith("Z"), created.toString());
        assertEquals("checkout/transactions", created.path("dataType").asText());
        assertEquals("POS monthly", created.path("name").asText());
        assertEquals("monthly", created.path("schedule").asText());
        assertEquals("no", created.path("language").asText());
        assertEquals("regnskap@example.no", created.path("emails").get(0).asText());
        assertEquals("store_id", created.path("reportFilters").get(0).path("filter").asText());
        assertEquals("012", created.path("reportFilters").get(0).path("value").asText());
        assertEquals(List.of("text/csv", "application/pdf"), List.of(created.path("contentTypes").get(0).asText(),
                created.path("contentTypes").get(1).asText()));

        JsonNode list = Http.get(url(ACCOUNT), bearer).json();
        assertTrue(list.isArray(), list.toString());
        assertEquals(1, list.size());
        assertEquals(created, list.get(0));
        assertEquals(created, Http.get(url(ACCOUNT) + "/" + id, bearer).json());
        assertEquals(List.of(id), server.insight().insightConfigurations(ACCOUNT).stream().map(c -> c.get("id"))
                .toList());

        Http.Response replaced = Http.putJson(url(ACCOUNT) + "/" + id, bearer, MONTHLY.replace("POS monthly",
                "POS weekly").replace("\"monthly\"", "\"weekly\"").replace(",\"application/pdf\"", ""));
        assertEquals(200, replaced.status(), replaced.body());
        assertEquals(id, replaced.json().path("id").asText());
        assertEquals(created.path("created_at"), replaced.json().path("created_at"));
        assertEquals("weekly", replaced.json().path("schedule").asText());
        assertEquals("POS weekly", Http.get(url(ACCOUNT) + "/" + id, bearer).json().path("name").asText());
        assertEquals(1, replaced.json().path("contentTypes").size());

        Http.Response deleted = Http.delete(url(ACCOUNT) + "/" + id, bearer);
        assertEquals(200, deleted.status(), deleted.body());
        assertEquals(id, deleted.json().path("id").asText());
        Http.Response gone = Http.get(url(ACCOUNT) + "/" + id, bearer);
        assertEquals(404, gone.status());
        assertEquals("NOT_FOUND", gone.json().path("error").path("code").asText());
        assertEquals(404, Http.putJson(url(ACCOUNT) + "/" + id, bearer, MONTHLY).status());
        assertEquals(404, Http.delete(url(ACCOUNT) + "/" + id, bearer).status());
        assertEquals(0, Http.get(url(ACCOUNT), bearer).json().size());
    }

    @Test
    void contentTypesDefaultToPdfAndDuplicatesCollapse() {
        JsonNode created = create("{\"dataType\":\"checkout/transactions\",\"name\":\"Daily\",\"schedule\":\"daily\","
                + "\"language\":\"en\"}");
        assertEquals("[\"application/pdf\"]", created.path("contentTypes").toString());
        assertEquals("[]", created.path("reportFilters").toString());
        assertEquals("[]", created.path("emails").toString());
        JsonNode twice = create(MONTHLY.replace("\"application/pdf\"", "\"text/csv\""));
        assertEquals("[\"text/csv\"]", twice.path("contentTypes").toString());
    }

    @Test
    void invalidConfigurationsAreRefusedNamingTheField() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("name is required", MONTHLY.replace("\"name\":\"POS monthly\",", ""));
        cases.put("name must be 1 to 64", MONTHLY.replace("POS monthly", "x".repeat(65)));
        cases.put("schedule must be one of daily, weekly, monthly, was hourly", MONTHLY.replace("\"monthly\"",
                "\"hourly\""));
        cases.put("schedule is required", MONTHLY.replace("\"schedule\":\"monthly\",", ""));
        cases.put("dataType must be checkout/transactions, was checkout/sessions",
                MONTHLY.replace("checkout/transactions", "checkout/sessions"));
        cases.put("dataType is required", MONTHLY.replace("\"dataType\":\"checkout/transactions\",", ""));
        cases.put("language must be one of no, en, was sv", MONTHLY.replace("\"no\"", "\"sv\""));
        cases.put("contentTypes[1] must be one of text/csv, application/pdf, was \"text/plain\"",
                MONTHLY.replace("\"application/pdf\"", "\"text/plain\""));
        cases.put("contentTypes must name at least one", MONTHLY.replace("[\"text/csv\",\"application/pdf\"]", "[]"));
        cases.put("reportFilters[0].filter must be one of store_id, payout_destination_id",
                MONTHLY.replace("\"filter\":\"store_id\"", "\"filter\":\"country\""));
        cases.put("reportFilters[0].value is required", MONTHLY.replace("\"value\":\"012\"", "\"value\":\"\""));
        cases.put("emails[0] must be an e-mail address", MONTHLY.replace("regnskap@example.no", "regnskap"));
        cases.put("emails must be an array", MONTHLY.replace("[\"regnskap@example.no\"]", "\"a@b.no\""));
        cases.put("name must be a string", MONTHLY.replace("\"POS monthly\"", "42"));
        cases.put("request body is not valid JSON", "{");
        String id = create(MONTHLY).path("id").asText();
        cases.forEach((message, body) -> {
            for (Http.Response r : List.of(Http.postJson(url(ACCOUNT), bearer, body, Map.of()),
                    Http.putJson(url(ACCOUNT) + "/" + id, bearer, body))) {
                assertEquals(400, r.status(), message + ": " + r.body());
                assertEquals("BAD_REQUEST", r.json().path("error").path("code").asText());
                assertTrue(r.json().path("error").path("message").asText().startsWith(message),
                        message + " / " + r.body());
            }
        });
        assertEquals(1, Http.get(url(ACCOUNT), bearer).json().size(), "nothing stored");
        assertEquals("POS monthly", Http.get(url(ACCOUNT) + "/" + id, bearer).json().path("name").asText(),
                "nothing replaced");
    }

    @Test
    void onlyTheAccountsOwnTokenWithAnInsightScopeMayCallThem() {
        String id = create(MONTHLY).path("id").asText();
        String other = Http.bearer(server, OTHER, "other-client", "other-secret");
        Http.Response refused = Http.get(url(ACCOUNT), other);
        assertEquals(403, refused.status(), refused.body());
        assertEquals("FORBIDDEN", refused.json().path("error").path("code").asText());
        assertEquals(403, Http.postJson(url(ACCOUNT), other, MONTHLY, Map.of()).status());
        assertEquals(404, Http.get(url(OTHER) + "/" + id, other).status(), "another account's configuration");
        assertEquals(401, Http.get(url(ACCOUNT), null).status());

        String reader = Http.bearer(server, "T11111111", "reader", "reader-secret");
        assertEquals(200, Http.get(url("T11111111"), reader).status(), "read:insight may list");
        Http.Response readOnly = Http.postJson(url("T11111111"), reader, MONTHLY, Map.of());
        assertEquals(403, readOnly.status(), readOnly.body());
        assertTrue(readOnly.json().path("error").path("message").asText().contains("admin:insight, write:insight"),
                readOnly.body());

        String checkout = Http.bearer(server, "T22222222", "checkout-only", "checkout-secret");
        assertEquals(403, Http.get(url("T22222222"), checkout).status());
        assertEquals(403, Http.get(server.apiBaseUrl() + "/v1/accounts/T22222222/reports/metadata", checkout)
                .status(), "report metadata needs read:reports or admin:reports");

        String reports = Http.bearer(server, "T33333333", "reports", "reports-secret");
        assertEquals(200, Http.get(server.apiBaseUrl() + "/v1/accounts/T33333333/reports/metadata", reports)
                .status());
        assertEquals(403, Http.get(url("T33333333"), reports).status());
    }
}
