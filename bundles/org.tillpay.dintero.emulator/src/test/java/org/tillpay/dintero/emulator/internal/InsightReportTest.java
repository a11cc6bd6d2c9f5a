package org.tillpay.dintero.emulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tillpay.dintero.emulator.DinteroInsightEmulator;
import org.tillpay.dintero.emulator.testing.EmulatorServer;
import org.tillpay.dintero.emulator.testing.MutableClock;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Insight reports: the scheduler played for weekly, monthly and daily configurations (period, store filter, CSV and
 * PDF), {@code GET /reports/metadata} paging, and the signed download (no bearer token, its token only, expiry).
 */
class InsightReportTest {

    private static final String ACCOUNT = EmulatorServer.ACCOUNT_ID;
    /** A Monday. */
    private static final Instant START = Instant.parse("2024-04-29T10:00:00Z");

    private final EmulatorServer server = EmulatorServer.builder().clock(new MutableClock(START)).start();
    private final DinteroInsightEmulator insight = server.insight();
    private String bearer = Http.bearer(server);

    @AfterEach
    void close() {
        Http.closeCheckingContract(server);
    }

    /** Pays a session of the given store with Vipps; returns the transaction id. */
    private String sale(String store, String reference) {
        String body = Sessions.body().replace("\"id\":\"012\"", "\"id\":\"" + store + "\"")
                .replace("S-000123/1", reference);
        return server.emulator().pay(Http.createSession(server, bearer, body).path("id").asText(), "vipps")
                .transactionId();
    }

    private void advance(Duration duration) {
        server.emulator().advanceClock(duration);
        bearer = Http.bearer(server); // tokens age on the emulator's clock too
    }

    private String configure(String name, String schedule, String store, String contentTypes) {
        String body = "{\"dataType\":\"checkout/transactions\",\"name\":\"" + name + "\",\"schedule\":\"" + schedule
                + "\",\"language\":\"en\",\"reportFilters\":[" + (store == null ? ""
                        : "{\"filter\":\"store_id\",\"value\":\"" + store + "\"}") + "],\"contentTypes\":["
                + contentTypes + "]}";
        Http.Response r = Http.postJson(server.apiBaseUrl() + "/v1/accounts/" + ACCOUNT
                + "/insight/reports/configuration", bearer, body, Map.of());
        assertEquals(200, r.status(), r.body());
        return r.json().path("id").asText();
    }

    private JsonNode metadata(String query) {
        Http.Response r = Http.get(server.apiBaseUrl() + "/v1/accounts/" + ACCOUNT + "/reports/metadata"
                + (query == null ? "" : "?" + query), bearer);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    /** Every report's metadata by id, from one listing. */
    private Map<String, JsonNode> reports() {
        Map<String, JsonNode> byId = new java.util.HashMap<>();
        metadata("limit=100").path("reports").forEach(r -> byId.put(r.path("id").asText(), r));
        return byId;
    }

    /** The CSV's data lines split into columns, checked against the header. */
    private static List<List<String>> csv(JsonNode report) {
        String text = new String(Http.download(report.path("signed_url").asText()), StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\r\n"), "CRLF lines");
        List<String> lines = text.lines().toList();
        assertEquals(String.join(",", InsightFiles.COLUMNS), lines.get(0));
        List<List<String>> rows = new ArrayList<>();
        lines.subList(1, lines.size()).forEach(line -> rows.add(Arrays.asList(line.split(",", -1))));
        rows.forEach(row -> assertEquals(InsightFiles.COLUMNS.size(), row.size(), row.toString()));
        return rows;
    }

    private static List<String> column(List<List<String>> rows, String name) {
        int index = InsightFiles.COLUMNS.indexOf(name);
        return rows.stream().map(row -> row.get(index)).toList();
    }

    @Test
    void weeklyAndMonthlyReportsHoldTheMatchingTransactionsOfTheLastPeriod() {
        String a = sale("012", "A"); // Mon 29 April
        server.emulator().backofficeCapture(a, 59800);
        server.emulator().backofficeRefund(a, 10000);
        String b = sale("099", "B");
        advance(Duration.ofDays(2));
        String c = sale("012", "C"); // Wed 1 May
        advance(Duration.ofDays(5));
        String d = sale("012", "D"); // Mon 6 May: the next week
        String weekly = configure("Store 012 weekly", "weekly", "012", "\"text/csv\",\"application/pdf\"");
        String monthly = configure("Store 012 monthly", "monthly", "012", "\"text/csv\"");
        String all = configure("All stores weekly", "weekly", null, "\"text/csv\"");

        List<String> week = insight.runInsightReports(ACCOUNT, "weekly");
        assertEquals(3, week.size(), "csv and pdf for one configuration, csv for the other: " + week);
        Map<String, JsonNode> reports = reports();
        JsonNode csv = reports.get(week.get(0));
        assertEquals("text/csv", csv.path("content_type").asText());
        assertEquals(weekly, csv.path("report_config_id").asText());
        assertEquals("Store 012 weekly", csv.path("custom_report_name").asText());
        assertEquals("weekly", csv.path("schedule").asText());
        assertEquals("en", csv.path("content_language").asText());
        assertEquals("checkout/transactions", csv.path("data_type").asText());
        assertEquals(ACCOUNT, csv.path("account_id").asText());
        assertEquals("2024-04-29T00:00:00.000Z", csv.path("data_from").asText());
        assertEquals("2024-05-06T00:00:00.000Z", csv.path("data_to").asText());
        assertEquals("Store-012-weekly_2024-04-29_2024-05-05.csv", csv.path("report_file_name").asText());
        assertEquals("[{\"filter\":\"store_id\",\"value\":\"012\"}]", csv.path("report_filters").toString());
        JsonNode pdf = reports.get(week.get(1));
        assertEquals("application/pdf", pdf.path("content_type").asText());
        assertEquals(csv.path("report_job_id"), pdf.path("report_job_id"), "one job for one configuration");
        assertNotEquals(csv.path("report_job_id"), reports.get(week.get(2)).path("report_job_id"));

        List<List<String>> rows = csv(csv);
        assertEquals(List.of(a, c), column(rows, "id"), "store 012, created in the week before");
        assertEquals(List.of("A", "C"), column(rows, "merchant_reference"));
        assertEquals(List.of("012", "012"), column(rows, "store_id"));
        assertEquals(List.of("vipps", "vipps"), column(rows, "payment_product_type"));
        assertEquals(List.of("PARTIALLY_REFUNDED", "AUTHORIZED"), column(rows, "status"));
        assertEquals(List.of("59800", "59800"), column(rows, "amount"));
        assertEquals(List.of("NOK", "NOK"), column(rows, "currency"));
        assertEquals(List.of("59800", "0"), column(rows, "captured_amount"));
        assertEquals(List.of("10000", "0"), column(rows, "refunded_amount"));
        assertEquals("2024-04-29T10:00:00.000Z", column(rows, "created_at").get(0));
        assertEquals(List.of(a, b, c), column(csv(reports.get(week.get(2))), "id"), "no filter: every store");
        assertEquals(all, reports.get(week.get(2)).path("report_config_id").asText());

        byte[] file = Http.download(pdf.path("signed_url").asText());
        String text = new String(file, StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("%PDF-1.4\n") && text.endsWith("%%EOF\n"), text);
        assertTrue(text.contains("(Store 012 weekly) Tj") && text.contains(a) && text.contains(c), text);
        assertFalse(text.contains(b), "store 099 left out");
        assertPdfOffsets(text);

        advance(Duration.ofDays(28)); // Mon 3 June
        String e = sale("012", "E"); // this month: not in May's report
        List<String> month = insight.runInsightReports(ACCOUNT, "monthly");
        assertEquals(1, month.size());
        JsonNode may = reports().get(month.get(0));
        assertEquals(monthly, may.path("report_config_id").asText());
        assertEquals("2024-05-01T00:00:00.000Z", may.path("data_from").asText());
        assertEquals("2024-06-01T00:00:00.000Z", may.path("data_to").asText());
        assertEquals(List.of(c, d), column(csv(may), "id"), "May, store 012; not A (April) nor " + e);
    }

    /** Every xref entry points at its object, startxref at the table, each /Length to the end of its stream. */
    private static void assertPdfOffsets(String pdf) {
        Matcher start = Pattern.compile("startxref\n(\\d+)\n%%EOF\n$").matcher(pdf);
        assertTrue(start.find(), pdf);
        int xref = Integer.parseInt(start.group(1));
        assertTrue(pdf.startsWith("xref\n0 ", xref), pdf.substring(xref));
        Matcher entry = Pattern.compile("(\\d{10}) 00000 n \n").matcher(pdf.substring(xref));
        int object = 0;
        while (entry.find()) {
            object++;
            assertTrue(pdf.startsWith(object + " 0 obj\n", Integer.parseInt(entry.group(1))), "object " + object);
        }
        assertTrue(object >= 5, "catalog, pages, font, a page and its content");
        Matcher stream = Pattern.compile("<< /Length (\\d+) >>\nstream\n").matcher(pdf);
        while (stream.find()) {
            assertTrue(pdf.startsWith("\nendstream", stream.end() + Integer.parseInt(stream.group(1))), "/Length");
        }
    }

    @Test
    void longPdfReportsSpanPagesAndEscapeText() {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            rows.add(List.of("T12345678.tx" + i, "2024-05-01T10:00:00.000Z", "S-(" + i + ")\\x", "012", "vipps",
                    "CAPTURED", "100", "NOK", "100", "0"));
        }
        String pdf = new String(InsightFiles.pdf(List.of("Butikk \u00d8st \u2013 mai"), rows),
                StandardCharsets.ISO_8859_1);
        assertTrue(pdf.contains("/Count 3"), "123 lines, 58 a page");
        assertTrue(pdf.contains("(Butikk \u00d8st ? mai) Tj"), "Latin-1 kept, others as ?");
        assertTrue(pdf.contains("S-\\(119\\)\\\\x"), "parentheses and backslash escaped");
        assertPdfOffsets(pdf);
    }

    @Test
    void dailyReportsYesterdayAndEmptyPeriodsStillGiveAReport() {
        configure("Daily", "daily", null, "\"text/csv\"");
        String today = sale("012", "T");
        String id = insight.runInsightReports(ACCOUNT, "daily").get(0);
        assertEquals(List.of(), csv(reports().get(id)), "nothing yesterday: header only");
        advance(Duration.ofDays(1));
        String next = insight.runInsightReports(ACCOUNT, "daily").get(0);
        JsonNode report = reports().get(next);
        assertEquals("2024-04-29T00:00:00.000Z", report.path("data_from").asText());
        assertEquals("2024-04-30T00:00:00.000Z", report.path("data_to").asText());
        assertEquals(List.of(today), column(csv(report), "id"));
        assertEquals(List.of(), insight.runInsightReports(ACCOUNT, "monthly"), "no monthly configuration");
        assertThrows(IllegalArgumentException.class, () -> insight.runInsightReports(ACCOUNT, "hourly"));
        assertThrows(NoSuchElementException.class, () -> insight.runInsightReports("T99999999", "daily"));
    }

    @Test
    void periodsAreTheLastCompletedDayWeekAndMonthInUtc() {
        Instant sunday = Instant.parse("2024-05-05T23:59:59Z");
        assertEquals(List.of("2024-04-22T00:00:00Z", "2024-04-29T00:00:00Z"), period("weekly", sunday));
        assertEquals(List.of("2024-04-29T00:00:00Z", "2024-05-06T00:00:00Z"), period("weekly",
                Instant.parse("2024-05-06T00:00:00Z")));
        assertEquals(List.of("2023-12-01T00:00:00Z", "2024-01-01T00:00:00Z"), period("monthly",
                Instant.parse("2024-01-01T00:00:00Z")));
        assertEquals(List.of("2024-02-29T00:00:00Z", "2024-03-01T00:00:00Z"), period("daily",
                Instant.parse("2024-03-01T12:00:00Z")));
    }

    private static List<String> period(String schedule, Instant now) {
        return Arrays.stream(InsightReports.period(schedule, now)).map(Instant::toString).toList();
    }

    @Test
    void metadataIsNewestFirstAndPagedByTheTokenItReturns() {
        configure("Daily", "daily", null, "\"text/csv\"");
        List<String> generated = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            generated.addAll(insight.runInsightReports(ACCOUNT, "daily"));
        }
        List<String> newestFirst = new ArrayList<>(generated);
        java.util.Collections.reverse(newestFirst);
        assertEquals(newestFirst, ids(metadata(null)), "default limit 10");
        assertTrue(metadata(null).path("starting_after").isMissingNode(), "no token on the last page");

        List<String> seen = new ArrayList<>();
        String query = "limit=2";
        int pages = 0;
        while (true) {
            JsonNode page = metadata(query);
            pages++;
            seen.addAll(ids(page));
            JsonNode token = page.get("starting_after");
            if (token == null) {
                break;
            }
            query = "limit=2&starting_after=" + token.asText();
        }
        assertEquals(3, pages);
        assertEquals(newestFirst, seen);
        assertEquals(newestFirst, insight.insightReports(ACCOUNT).stream().map(r -> r.get("id")).toList());

        String url = server.apiBaseUrl() + "/v1/accounts/" + ACCOUNT + "/reports/metadata";
        assertEquals(400, Http.get(url + "?limit=101", bearer).status());
        assertEquals(400, Http.get(url + "?limit=0", bearer).status());
        Http.Response unknown = Http.get(url + "?starting_after=nope", bearer);
        assertEquals(400, unknown.status());
        assertTrue(unknown.json().path("error").path("message").asText().startsWith("starting_after"));
        assertEquals(server.contractValidationEnabled(), !server.contractViolations().isEmpty(),
                "the metadata endpoint is contract-checked");
        server.clearContractViolations(); // the limits break the spec on purpose
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("reports").forEach(r -> ids.add(r.path("id").asText()));
        return ids;
    }

    @Test
    void signedUrlServesTheFileWithoutBearerOnlyWithItsTokenAndUntilItExpires() {
        configure("Daily", "daily", null, "\"text/csv\"");
        String id = insight.runInsightReports(ACCOUNT, "daily").get(0);
        String url = reports().get(id).path("signed_url").asText();
        assertTrue(url.startsWith(server.apiBaseUrl() + "/v1/reports/signed/"), url);
        Http.Response file = Http.get(url, null);
        assertEquals(200, file.status(), file.body());
        assertTrue(file.contentType().startsWith("text/csv"), file.contentType());
        assertEquals("attachment; filename=\"Daily_2024-04-28_2024-04-28.csv\"",
                file.header("Content-Disposition"));

        String token = url.substring(url.lastIndexOf('/') + 1);
        String wrong = url.substring(0, url.length() - token.length()) + (token.charAt(0) == 'A' ? "B" : "A")
                + token.substring(1);
        Http.Response forged = Http.get(wrong, null);
        assertEquals(403, forged.status(), forged.body());
        assertEquals("FORBIDDEN", forged.json().path("error").path("code").asText());
        assertEquals(403, Http.get(server.apiBaseUrl() + "/v1/reports/signed/x", null).status());
        assertEquals(401, Http.get(server.apiBaseUrl() + "/v1/accounts/" + ACCOUNT + "/reports/metadata", null)
                .status(), "the listing itself needs a bearer token");

        server.emulator().advanceClock(Duration.ofMinutes(59));
        assertEquals(200, Http.get(url, null).status(), "within the hour");
        server.emulator().advanceClock(Duration.ofMinutes(2));
        Http.Response expired = Http.get(url, null);
        assertEquals(403, expired.status(), expired.body());
        assertTrue(expired.json().path("error").path("message").asText().contains("expired"), expired.body());

        bearer = Http.bearer(server);
        String fresh = reports().get(id).path("signed_url").asText();
        assertNotEquals(url, fresh, "each listing signs anew");
        assertEquals(200, Http.get(fresh, null).status());
    }
}
