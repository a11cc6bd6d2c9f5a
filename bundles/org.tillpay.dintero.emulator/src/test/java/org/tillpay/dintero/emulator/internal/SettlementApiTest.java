package org.tillpay.dintero.emulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tillpay.dintero.emulator.DinteroSettlementsEmulator;
import org.tillpay.dintero.emulator.testing.EmulatorServer;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code GET /v1/accounts/{aid}/settlements} (cursor pair, filters), attachment download, and who may call them. */
class SettlementApiTest {

    private static final String ACCOUNT = EmulatorServer.ACCOUNT_ID;
    private static final String OTHER = "T87654321";

    private final EmulatorServer server = EmulatorServer.builder().defaultAccount()
            .account(OTHER, "other-client", "other-secret", "", "default").start();
    private String bearer = Http.bearer(server);
    private final DinteroSettlementsEmulator settlements = server.settlements();

    @AfterEach
    void close() {
        Http.closeCheckingContract(server);
    }

    private String url(String query) {
        return server.apiBaseUrl() + "/v1/accounts/" + ACCOUNT + "/settlements" + (query == null ? "" : "?" + query);
    }

    private JsonNode list(String query) {
        Http.Response r = Http.get(url(query), bearer);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    /** One new settlement of the method's provider, paid out on the given date. */
    private String settlement(String method, LocalDate payout) {
        String session = Http.createSession(server, bearer, Sessions.body()).path("id").asText();
        String tx = server.emulator().pay(session, method).transactionId();
        server.emulator().backofficeCapture(tx, 59800);
        List<String> ids = settlements.settle(ACCOUNT, payout);
        assertEquals(1, ids.size());
        return ids.get(0);
    }

    @Test
    void pagesWithBothCursorsNewestPayoutFirst() {
        LocalDate day = LocalDate.of(2024, 5, 1);
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(settlement(i % 2 == 0 ? "vipps" : "klarna", day.plusDays(i / 2)));
        }
        assertEquals(7, list(null).path("items").size(), "default limit 10");
        List<JsonNode> seen = new ArrayList<>();
        String query = "limit=3";
        int pages = 0;
        while (true) {
            JsonNode page = list(query);
            pages++;
            page.path("items").forEach(seen::add);
            JsonNode key = page.get("last_evaluated_key");
            if (key == null) {
                break;
            }
            JsonNode last = page.path("items").get(page.path("items").size() - 1);
            assertEquals(last.path("id").asText(), key.path("id").asText());
            assertEquals(last.path("settled_at").asText(), key.path("settled_at").asText());
            assertEquals(ACCOUNT, key.path("account_id").asText());
            query = "limit=3&starting_after_id=" + key.path("id").asText() + "&starting_after_date="
                    + key.path("settled_at").asText();
        }
        assertEquals(3, pages);
        assertEquals(new HashSet<>(created), new HashSet<>(seen.stream().map(s -> s.path("id").asText()).toList()));
        assertEquals(7, seen.size(), "no item twice");
        for (int i = 1; i < seen.size(); i++) {
            String previous = seen.get(i - 1).path("settled_at").asText() + seen.get(i - 1).path("id").asText();
            String current = seen.get(i).path("settled_at").asText() + seen.get(i).path("id").asText();
            assertTrue(previous.compareTo(current) > 0, "newest payout first, then id descending: " + seen);
        }
        assertEquals(0, list("limit=3&starting_after_id=" + seen.get(6).path("id").asText()
                + "&starting_after_date=" + seen.get(6).path("settled_at").asText()).path("items").size());

        assertEquals(400, Http.get(url("starting_after_id=" + created.get(0)), bearer).status(), "both cursors");
        assertEquals(400, Http.get(url("limit=1001"), bearer).status());
        assertEquals(400, Http.get(url("created_at.gte=yesterday"), bearer).status());
        server.clearContractViolations(); // those requests break the spec on purpose
    }

    @Test
    void filtersByProviderCreationDateAndSearch() {
        String vipps = settlement("vipps", LocalDate.of(2024, 5, 1));
        server.emulator().advanceClock(Duration.ofDays(2));
        bearer = Http.bearer(server); // the old one expired
        String klarna = settlement("klarna", LocalDate.of(2024, 5, 3));
        String walley = settlement("walley", LocalDate.of(2024, 5, 3));
        LocalDate today = LocalDate.ofInstant(server.emulator().now(), ZoneOffset.UTC);

        assertEquals(List.of(vipps), ids(list("payment_provider=vipps")));
        assertEquals(new HashSet<>(List.of(vipps, klarna)), new HashSet<>(ids(list(
                "payment_provider=vipps&payment_provider=klarna"))));
        assertEquals(new HashSet<>(List.of(klarna, walley)), new HashSet<>(ids(list("created_at.gte=" + today))));
        assertEquals(List.of(vipps), ids(list("created_at.lte=" + today.minusDays(1))));
        assertEquals(List.of(), ids(list("created_at.gte=" + today.plusDays(1))));
        assertEquals(List.of(walley), ids(list("search=" + walley.substring(0, 13))));
        assertEquals(List.of(), ids(list("payment_provider=swish")));
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    @Test
    void attachmentsAreDinterosCsvAndJsonAndTheProvidersFile() {
        settlements.setSalesBuffer(0);
        String id = settlement("card", LocalDate.of(2024, 5, 2));
        JsonNode item = list(null).path("items").get(0);
        assertEquals(id, item.path("id").asText());
        JsonNode attachments = item.path("attachments");
        assertEquals(3, attachments.size());
        Map<String, JsonNode> byExtension = new java.util.HashMap<>();
        attachments.forEach(a -> byExtension.put(a.path("created_by").asText() + "." + a.path("extension").asText(),
                a));
        long net = item.path("amounts").get(0).path("amount").asLong();
        assertEquals(59800 - 931, net);

        Http.Response csv = download(id, byExtension.get("dintero.csv"));
        assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
        List<String> lines = csv.body().lines().toList();
        assertEquals(String.join(",", SettlementReports.DINTERO_COLUMNS), lines.get(0));
        assertEquals(2, lines.size(), "one line per settled event");
        List<String> row = Arrays.asList(lines.get(1).split(",", -1));
        assertEquals(SettlementReports.DINTERO_COLUMNS.size(), row.size(), lines.get(1));
        assertEquals("S-000123/1", column(row, "merchant_reference"));
        assertEquals("012", column(row, "store_id"));
        assertEquals("dintero_psp.creditcard", column(row, "payment_product_type"));
        assertEquals("CAPTURE", column(row, "event"));
        assertEquals("59800", column(row, "amount"));
        assertEquals("931", column(row, "fee"));
        assertEquals(String.valueOf(net), column(row, "net"));
        assertEquals(id, column(row, "settlement_id"));

        Http.Response json = download(id, byExtension.get("dintero.json"));
        assertTrue(json.contentType().startsWith("application/json"), json.contentType());
        JsonNode report = json.json();
        assertEquals(id, report.path("settlement").path("id").asText());
        assertEquals(net, report.path("events").get(0).path("net").asLong());

        JsonNode source = byExtension.get("dintero_psp.csv");
        assertEquals("csv", source.path("extension").asText());
        List<String> provider = download(id, source).body().lines().toList();
        assertEquals(String.join(";", SettlementReports.PROVIDER_COLUMNS), provider.get(0));
        assertTrue(provider.get(1).contains(";SALE;598.00;9.31;588.69;NOK"), provider.get(1));

        assertEquals(List.of(), server.contractViolations(), "the downloads follow the spec");
        assertEquals(404, Http.get(url(null) + "/" + id + "/attachments/nope", bearer).status());
        server.clearContractViolations(); // the spec lists no 404 for the download
    }

    private Http.Response download(String settlementId, JsonNode attachment) {
        Http.Response r = Http.get(server.apiBaseUrl() + "/v1/accounts/" + ACCOUNT + "/settlements/" + settlementId
                + "/attachments/" + attachment.path("id").asText(), bearer);
        assertEquals(200, r.status(), r.body());
        return r;
    }

    private static String column(List<String> row, String name) {
        return row.get(SettlementReports.DINTERO_COLUMNS.indexOf(name));
    }

    @Test
    void onlyTheAccountsOwnTokenMayReadItsSettlements() {
        String id = settlement("vipps", LocalDate.of(2024, 5, 2));
        String other = Http.bearer(server, OTHER, "other-client", "other-secret");
        Http.Response refused = Http.get(url(null), other);
        assertEquals(403, refused.status(), refused.body());
        assertEquals("FORBIDDEN", refused.json().path("error").path("code").asText());
        String attachment = (String) ((Map<?, ?>) ((List<?>) settlements.settlements(ACCOUNT).get(0)
                .get("attachments")).get(0)).get("id");
        assertEquals(403, Http.get(url(null) + "/" + id + "/attachments/" + attachment, other).status());
        assertEquals(401, Http.get(url(null), null).status());
        assertEquals(0, Http.get(server.apiBaseUrl() + "/v1/accounts/" + OTHER + "/settlements", other).json()
                .path("items").size(), "its own list is empty");
        assertEquals(1, list(null).path("items").size());
    }
}
