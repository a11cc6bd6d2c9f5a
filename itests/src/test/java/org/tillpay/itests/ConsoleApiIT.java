package org.tillpay.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.tillpay.dintero.emulator.DinteroSettlementsEmulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The console's REST API in the distribution, over HTTP as a host or a browser uses it: Karaf's JAAS realm and its
 * roles decide, a cookie session needs its CSRF token for every change, refusals are problem details naming the
 * field, and a sale started through it is followed to "paid" by server-sent events.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConsoleApiIT extends TillpayTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SALE = "{\"saleReference\":\"%s\",\"currency\":\"NOK\",\"lines\":["
            + "{\"lineId\":\"1\",\"description\":\"Genser\",\"quantity\":2,\"unitPriceMinor\":29900},"
            + "{\"lineId\":\"2\",\"description\":\"Bok\",\"unitPriceMinor\":19900,\"vatPercent\":0}],"
            + "\"customerPhone\":\"+4799999999\"}";

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    @Configuration
    public Option[] config() {
        return Stream.concat(Stream.of(baseConfig()), Stream.of(
                editConfigurationFilePut("etc/users.properties", "viewer", "viewer, viewer"))).toArray(Option[]::new);
    }

    private static String api(String path) {
        return karafBaseUrl() + "/tillpay/console/api/v1" + path;
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(String method, String path, String user, String body, String... headers)
            throws Exception {
        paymentMethod("demo");
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api(path))).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            b.header("Authorization", basic(user));
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    private static void assertProblem(HttpResponse<String> r, int status, String type, String field) throws Exception {
        assertEquals(r.body(), status, r.statusCode());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        JsonNode p = json(r);
        assertEquals(status, p.path("status").asInt());
        assertTrue(p.toString(), p.path("type").asText().endsWith("/" + type));
        if (field != null) {
            assertEquals(p.toString(), field, p.path("field").asText());
        }
    }

    @Test
    public void eachRoleMayDoItsPartAndNoMore() throws Exception {
        assertProblem(send("GET", "/stores", null, null), 401, "unauthenticated", null);
        assertProblem(send("GET", "/stores", "nobody", null), 401, "unauthenticated", null);
        assertProblem(send("GET", "/stores", "viewer", null), 403, "forbidden", null);
        HttpResponse<String> stores = send("GET", "/stores", "cashier", null);
        assertEquals(200, stores.statusCode());
        assertEquals("demo", json(stores).get(0).path("storeId").asText());
        assertFalse("no setting, no secret", stores.body().contains("secret"));

        JsonNode sale = json(send("POST", "/stores/demo/payments", "cashier", String.format(SALE, "S-API-1")));
        assertEquals("LINK_SENT", sale.path("status").asText());
        assertEquals(79700, sale.path("amountMinor").asLong());
        assertEquals(2, sale.path("lines").size());
        String id = sale.path("paymentId").asText();
        emulator().pay(sessionOf(sale), "vipps");
        awaitPaid(id);
        String capture = "{\"reference\":\"R-API-1\"}";
        assertProblem(send("POST", "/payments/" + id + "/captures", "cashier", capture), 403, "forbidden", null);
        assertProblem(send("POST", "/payments/" + id + "/cancel", "cashier", "{}"), 403, "forbidden", null);
        assertProblem(send("GET", "/stores/demo/health", "manager", null), 403, "forbidden", null);
        JsonNode captured = json(send("POST", "/payments/" + id + "/captures", "manager", capture));
        assertEquals("CAPTURED", captured.path("status").asText());
        JsonNode refunded = json(send("POST", "/payments/" + id + "/refunds", "manager",
                "{\"reference\":\"RET-API-1\",\"lines\":[{\"lineId\":\"2\"}]}"));
        assertEquals("PARTIALLY_REFUNDED", refunded.path("status").asText());
        assertEquals(19900, refunded.path("refundedMinor").asLong());
        JsonNode health = json(send("GET", "/stores/demo/health", "admin", null));
        assertTrue(health.toString(), health.path("tokenObtainable").asBoolean());

        JsonNode listed = json(send("GET", "/payments?store=demo&sale=S-API-1", "cashier", null));
        assertEquals(1, listed.size());
        assertEquals("PARTIALLY_REFUNDED", listed.get(0).path("status").asText());
    }

    @Test
    public void aBrowserSessionNeedsItsCsrfTokenForEveryChange() throws Exception {
        assertProblem(send("POST", "/session", null, "{\"username\":\"cashier\",\"password\":\"wrong\"}"), 401,
                "unauthenticated", null);
        HttpResponse<String> login = send("POST", "/session", null,
                "{\"username\":\"cashier\",\"password\":\"cashier\"}");
        assertEquals(login.body(), 200, login.statusCode());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie, cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict")
                && cookie.contains("Path=/tillpay/console"));
        String token = json(login).path("csrfToken").asText();
        assertTrue(token.length() >= 40);
        assertEquals("cashier", json(send("GET", "/session", null, null)).path("username").asText());

        String sale = String.format(SALE, "S-API-2");
        assertProblem(send("POST", "/stores/demo/payments", null, sale), 403, "csrf", null);
        assertProblem(send("POST", "/stores/demo/payments", null, sale, "X-CSRF-Token", "forged"), 403, "csrf", null);
        assertTrue("nothing was started", json(send("GET", "/payments?sale=S-API-2", null, null)).isEmpty());
        HttpResponse<String> started = send("POST", "/stores/demo/payments", null, sale, "X-CSRF-Token", token);
        assertEquals(started.body(), 201, started.statusCode());

        assertProblem(send("DELETE", "/session", null, null), 403, "csrf", null);
        assertEquals(204, send("DELETE", "/session", null, null, "X-CSRF-Token", token).statusCode());
        assertProblem(send("GET", "/payments", null, null), 401, "unauthenticated", null);
    }

    @Test
    public void badRequestsAreRefusedNamingTheFieldBeforeDinteroIsAsked() throws Exception {
        int sessions = emulator().sessions().size();
        assertProblem(send("POST", "/stores/demo/payments", "cashier", "{\"saleReference\":\"S-API-3\","
                + "\"currency\":\"NOK\",\"lines\":[{\"lineId\":\"1\",\"description\":\"x\",\"unitPriceMinor\":\"a\"}]}"),
                400, "invalid-request", "lines[0].unitPriceMinor");
        assertProblem(send("POST", "/stores/demo/payments", "cashier", String.format(SALE, "S-API-3")
                .replace("+4799999999", "99999999")), 400, "invalid-request", "customerPhone");
        assertProblem(send("POST", "/stores/demo/payments", "cashier", "{\"currency\":\"NOK\"}"), 400,
                "invalid-request", "saleReference");
        assertProblem(send("POST", "/stores/demo/payments", "cashier", "not json"), 400, "invalid-request", null);
        HttpRequest plain = HttpRequest.newBuilder(URI.create(api("/stores/demo/payments")))
                .header("Authorization", basic("cashier")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(String.format(SALE, "S-API-3"))).build();
        assertProblem(client.send(plain, HttpResponse.BodyHandlers.ofString()), 415, "unsupported-media-type", null);
        assertProblem(send("POST", "/stores/nope/payments", "cashier", String.format(SALE, "S-API-3")), 404,
                "not-found", null);
        assertProblem(send("GET", "/payments/no-such-payment", "cashier", null), 404, "not-found", null);
        assertProblem(send("GET", "/no/such/route", "cashier", null), 404, "not-found", null);
        assertEquals("nothing reached Dintero", sessions, emulator().sessions().size());

        HttpResponse<String> spec = client.send(HttpRequest.newBuilder(URI.create(karafBaseUrl()
                + "/tillpay/console/api/openapi.yaml")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, spec.statusCode());
        assertTrue(spec.body().startsWith("openapi: 3"));
    }

    @Test
    public void theTillFollowsASaleToPaidByServerSentEvents() throws Exception {
        JsonNode sale = json(send("POST", "/stores/demo/payments", "cashier", String.format(SALE, "S-API-4")));
        String id = sale.path("paymentId").asText();
        HttpRequest events = HttpRequest.newBuilder(URI.create(api("/payments/" + id + "/events")))
                .header("Authorization", basic("cashier")).build();
        HttpResponse<java.io.InputStream> stream = client.send(events, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());
        assertEquals("text/event-stream", stream.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        CompletableFuture<String> paid = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                StringBuilder seen = new StringBuilder();
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith("data: ")) {
                        String status = JSON.readTree(line.substring(6)).path("status").asText();
                        seen.append(status).append(' ');
                        if (status.equals("AUTHORIZED")) {
                            return seen.toString().strip();
                        }
                    }
                }
                return seen.toString();
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        Thread.sleep(300);
        emulator().pay(sessionOf(sale), "vipps");
        assertEquals("LINK_SENT AUTHORIZED", paid.get(20, TimeUnit.SECONDS));
    }

    @Test
    public void managersSeePayoutsFeesTheMonthlySummaryAndDownloadIt() throws Exception {
        JsonNode sale = json(send("POST", "/stores/demo/payments", "cashier", String.format(SALE, "S-API-5")));
        String id = sale.path("paymentId").asText();
        emulator().pay(sessionOf(sale), "vipps");
        awaitPaid(id);
        assertEquals("CAPTURED", json(send("POST", "/payments/" + id + "/captures", "manager",
                "{\"reference\":\"R-API-5\"}")).path("status").asText());
        awaitService(DinteroSettlementsEmulator.class).settle("T00000001", LocalDate.of(2026, 11, 23));
        assertProblem(send("POST", "/stores/demo/payouts/fetch", "cashier", "{}"), 403, "forbidden", null);
        assertEquals(200, send("POST", "/stores/demo/payouts/fetch", "manager", "{}").statusCode());

        JsonNode payouts = json(send("GET", "/stores/demo/payouts", "manager", null));
        assertTrue(payouts.toString(), payouts.size() >= 1);
        JsonNode vipps = payouts.get(0);
        assertEquals(vipps.path("captureMinor").asLong() - vipps.path("refundMinor").asLong()
                - vipps.path("feeMinor").asLong(), vipps.path("amountMinor").asLong());
        JsonNode monthly = json(send("GET", "/stores/demo/payouts/monthly", "manager", null));
        long paidOut = 0;
        for (JsonNode p : payouts) {
            paidOut += p.path("amountMinor").asLong();
        }
        long summed = 0;
        for (JsonNode m : monthly) {
            summed += m.path("amountMinor").asLong();
        }
        assertEquals("the monthly summary adds up to the payouts", paidOut, summed);
        JsonNode exceptions = json(send("GET", "/stores/demo/reconciliation", "manager", null));
        assertTrue(exceptions.toString(), exceptions.path("exceptions").isArray());

        HttpResponse<String> csv = send("GET", "/stores/demo/reports/monthly?format=csv", "manager", null);
        assertEquals(csv.body(), 200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Disposition").orElse(""), csv.headers()
                .firstValue("Content-Disposition").orElse("").startsWith("attachment; filename="));
        assertTrue(csv.body(), csv.body().contains("2026-11"));
        assertProblem(send("GET", "/stores/demo/reports/monthly?format=doc", "manager", null), 400,
                "invalid-request", "format");
        assertProblem(send("GET", "/stores/demo/reports/monthly", "cashier", null), 403, "forbidden", null);
    }

    /** Waits until the API says the payment is paid. */
    private void awaitPaid(String paymentId) {
        eventually(Duration.ofSeconds(15), paymentId + " is paid", () -> {
            try {
                return json(send("GET", "/payments/" + paymentId, "cashier", null)).path("paid").asBoolean();
            } catch (Exception e) {
                return false;
            }
        });
    }

    private static String sessionOf(JsonNode payment) {
        String url = payment.path("paymentUrl").asText();
        return url.substring(url.lastIndexOf('/') + 1);
    }
}
