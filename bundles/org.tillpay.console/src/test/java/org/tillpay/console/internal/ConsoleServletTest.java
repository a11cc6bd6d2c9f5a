package org.tillpay.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tillpay.ledger.LedgerException;
import org.tillpay.ledger.PaymentLedger;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The servlet's gate, without Karaf: authentication (HTTP Basic and session) against a JAAS realm, the role of every
 * {@link ApiOperation}, the CSRF token, the body's size and type, and the login throttle, all decided before any
 * handler runs. The servlet is built without the stores, ledger and reports: a request that got past the gate to a
 * handler would fail there, so every answer here is the gate's own. A role at or above the operation's is shown to
 * pass by the body limit that comes after it (413).
 */
class ConsoleServletTest {

    private static final List<String> USERS = List.of("viewer", "cashier", "manager", "admin");

    private final ConsoleServlet servlet = servlet(Map.of("login_failures_max", 1000,
            "login_failures_per_address_max", 100_000, "request_body_max_bytes", 1024));

    @BeforeAll
    static void realm() {
        TestRealm.install();
    }

    private static ConsoleServlet servlet(Map<String, Object> config) {
        return new ConsoleServlet(null, ConsoleSettingsTest.config(config), null, null, null, null);
    }

    /** @return the operation's path below /tillpay/console with made-up parameters */
    private static String path(ApiOperation op) {
        return "/api/v1" + op.path().replace("{storeId}", "demo").replace("{paymentId}", "p-1")
                .replace("{report}", "payouts");
    }

    private static FakeHttp.Request request(ApiOperation op) {
        return new FakeHttp.Request(op.method(), path(op));
    }

    private FakeHttp.Response send(FakeHttp.Request request) throws Exception {
        return send(servlet, request);
    }

    private static FakeHttp.Response send(ConsoleServlet servlet, FakeHttp.Request request) throws Exception {
        FakeHttp.Response response = new FakeHttp.Response();
        servlet.service(request.proxy(), response.proxy());
        return response;
    }

    private static void assertProblem(FakeHttp.Response r, int status, String type, String what) throws Exception {
        assertEquals(status, r.status, what + ": " + r.text());
        assertEquals("application/problem+json", r.headers.get("Content-Type"), what);
        assertEquals(type, r.problemType(), what);
    }

    private static int rank(String user) {
        return USERS.indexOf(user);
    }

    private static int rank(ApiOperation op) {
        return op.role().map(r -> r.ordinal() + 1).orElse(0);
    }

    /** A body one byte over the limit, declared by its length. */
    private static FakeHttp.Request tooLarge(FakeHttp.Request r) {
        return r.body("application/json", new byte[1025]);
    }

    @Test
    void everyOperationButLoggingInRefusesAnonymousAndWrongCredentialsWith401AndNoChallenge() throws Exception {
        for (ApiOperation op : ApiOperation.values()) {
            if (op.role().isEmpty()) {
                continue;
            }
            for (FakeHttp.Request r : List.of(request(op), request(op).basic("cashier", "wrong"),
                    request(op).basic("nobody", "nobody"), request(op).basic("", "x"))) {
                FakeHttp.Response answer = send(r);
                assertProblem(answer, 401, "unauthenticated", op + " " + r.headers);
                assertNull(answer.headers.get("WWW-Authenticate"), "never a challenge");
            }
            FakeHttp.Request malformed = request(op);
            malformed.headers.put("Authorization", "Basic ***");
            assertProblem(send(malformed), 401, "unauthenticated", op + " malformed Basic");
            FakeHttp.Request unknownSession = request(op);
            unknownSession.cookie = "no-such-session";
            assertProblem(send(unknownSession), 401, "unauthenticated", op + " unknown session");
        }
    }

    @Test
    void aRoleBelowTheOperationsIs403AndOneAtOrAbovePassesToTheBodyCheck() throws Exception {
        for (ApiOperation op : ApiOperation.values()) {
            for (String user : USERS) {
                FakeHttp.Request r = tooLarge(request(op)).basic(user, user);
                if (op.role().isPresent() && rank(user) < rank(op)) {
                    assertProblem(send(r), 403, "forbidden", user + " " + op);
                } else {
                    assertProblem(send(r), 413, "payload-too-large", user + " " + op);
                }
            }
        }
    }

    @Test
    void aSessionNeedsItsCsrfTokenForEveryChange() throws Exception {
        FakeHttp.Response login = send(new FakeHttp.Request("POST", "/api/v1/session")
                .json("{\"username\":\"admin\",\"password\":\"admin\"}"));
        assertEquals(200, login.status, login.text());
        String setCookie = login.headers.get("Set-Cookie");
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"), setCookie);
        String cookie = setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
        String token = ConsoleJson.MAPPER.readTree(login.text()).path("csrfToken").asText();
        int changes = 0;
        for (ApiOperation op : ApiOperation.values()) {
            FakeHttp.Request withToken = tooLarge(request(op));
            withToken.cookie = cookie;
            withToken.headers.put(ConsoleServlet.CSRF_HEADER, token);
            assertProblem(send(withToken), 413, "payload-too-large", op + " with the token");
            if (op.method().equals("GET") || op.role().isEmpty()) {
                continue;
            }
            changes++;
            FakeHttp.Request without = request(op).json("{}");
            without.cookie = cookie;
            assertProblem(send(without), 403, "csrf", op + " without the token");
            FakeHttp.Request forged = request(op).json("{}");
            forged.cookie = cookie;
            forged.headers.put(ConsoleServlet.CSRF_HEADER, token.substring(1));
            assertProblem(send(forged), 403, "csrf", op + " with a wrong token");
        }
        assertEquals(8, changes, "every changing operation was tried");
        FakeHttp.Request who = new FakeHttp.Request("GET", "/api/v1/session");
        who.cookie = cookie;
        assertEquals("admin", ConsoleJson.MAPPER.readTree(send(who).text()).path("username").asText());
    }

    @Test
    void whoAmIAnswersHttpBasicToo() throws Exception {
        FakeHttp.Response r = send(new FakeHttp.Request("GET", "/api/v1/session").basic("manager", "manager"));
        JsonNode who = ConsoleJson.MAPPER.readTree(r.text());
        assertEquals("manager", who.path("username").asText());
        assertEquals("[\"manager\"]", who.path("roles").toString());
        assertFalse(who.has("csrfToken"), "no session, no token");
        assertEquals(204, send(new FakeHttp.Request("DELETE", "/api/v1/session").basic("cashier", "cashier")).status);
    }

    @Test
    void aBodyMustBeJsonInUtf8AndNoLargerThanTheLimit() throws Exception {
        for (ApiOperation op : ApiOperation.values()) {
            if (op.method().equals("GET")) {
                continue;
            }
            assertProblem(send(request(op).basic("admin", "admin").body("text/plain", "{}".getBytes(
                    StandardCharsets.UTF_8))), 415, "unsupported-media-type", op + " text/plain");
            assertProblem(send(request(op).basic("admin", "admin").body("application/json; charset=iso-8859-1",
                    "{}".getBytes(StandardCharsets.ISO_8859_1))), 415, "unsupported-media-type", op + " latin-1");
            assertProblem(send(request(op).basic("admin", "admin").body("application/jsonp", "{}".getBytes(
                    StandardCharsets.UTF_8))), 415, "unsupported-media-type", op + " jsonp");
        }
        FakeHttp.Request streamed = new FakeHttp.Request("POST", "/api/v1/session").body("application/json",
                ("{\"username\":\"" + "x".repeat(2000) + "\"}").getBytes(StandardCharsets.UTF_8));
        streamed.sendLength = false;
        assertProblem(send(streamed), 413, "payload-too-large", "a body without Content-Length, counted as read");
    }

    @Test
    void malformedJsonIs400NeverA500() throws Exception {
        for (String body : List.of("{", "not json", "[]", "\"text\"", "{\"username\":}", "{} {}",
                "[".repeat(800), "{\"username\":\"a\",\"username\":\"b\"", "\u0000")) {
            FakeHttp.Response r = send(new FakeHttp.Request("POST", "/api/v1/session").json(body));
            assertProblem(r, 400, "invalid-request", body);
            assertFalse(r.text().contains("\tat "), "no stack trace");
        }
        assertProblem(send(new FakeHttp.Request("POST", "/api/v1/session").body("application/json",
                new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'})), 400, "invalid-request",
                "not UTF-8");
    }

    @Test
    void unknownPathsAre404AndWrongMethods405NamingTheAllowedOnes() throws Exception {
        assertProblem(send(new FakeHttp.Request("GET", "/api/v1/no/such/thing").basic("admin", "admin")), 404,
                "not-found", "unknown");
        FakeHttp.Response r = send(new FakeHttp.Request("PUT", "/api/v1/session").basic("admin", "admin"));
        assertProblem(r, 405, "method-not-allowed", "PUT /session");
        assertEquals("POST, GET, DELETE", r.headers.get("Allow"));
        assertEquals("GET", send(new FakeHttp.Request("POST", "/api/v1/payments/p-1")).headers.get("Allow"));
    }

    @Test
    void anUnexpectedFailureIsA500WithoutDetails() throws Exception {
        // the servlet has no stores: listing them fails inside the handler
        FakeHttp.Response r = send(new FakeHttp.Request("GET", "/api/v1/stores").basic("cashier", "cashier"));
        assertProblem(r, 500, "internal-error", "no stores");
        JsonNode p = ConsoleJson.MAPPER.readTree(r.text());
        assertEquals("see the log", p.path("detail").asText());
        assertFalse(r.text().contains("Exception") || r.text().contains("org.tillpay"), r.text());
    }

    @Test
    void aLedgerWhoseDatabaseDoesNotAnswerIsA503WithRetryAfter() throws Exception {
        // the soak: while PostgreSQL restarted, every console request touching the ledger was a 500 "see the log"
        PaymentLedger down = (PaymentLedger) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PaymentLedger.class}, (proxy, method, args) -> {
                    throw new LedgerException("reading payments failed", new java.sql.SQLException(
                            "Connection refused", "08001"));
                });
        ConsoleServlet servlet = new ConsoleServlet(null, ConsoleSettingsTest.config(Map.of()), down, null, null,
                null);
        FakeHttp.Response r = send(servlet, new FakeHttp.Request("GET", "/api/v1/payments/p-1")
                .basic("cashier", "cashier"));
        assertProblem(r, 503, "ledger-unavailable", "database");
        assertEquals("5", r.headers.get("Retry-After"));
        assertFalse(r.text().contains("Exception") || r.text().contains("org.tillpay"), r.text());
    }

    @Test
    void aLedgerFailureInsideAPaymentCallIsA503TooNotA502() {
        // the full soak: while PostgreSQL restarted, 8 starts were 502 "reading payments failed" and 21 were 503
        ApiException during = PaymentsApi.failure(new LedgerException("reading payments failed",
                new java.sql.SQLException("Connection refused", "08001")));
        assertEquals(ApiException.Type.LEDGER_UNAVAILABLE, during.type());
        assertEquals(503, during.type().status);
        assertEquals("5", during.headers().get("Retry-After"));
        assertEquals(ApiException.Type.PROVIDER_UNAVAILABLE,
                PaymentsApi.failure(new IllegalStateException("no answer")).type());
    }

    @Test
    void repeatedFailedLoginsAreAnswered429WithRetryAfterBySessionAndBasicAlike() throws Exception {
        ConsoleServlet strict = servlet(Map.of("login_failures_max", 3, "login_lockout_seconds", 60));
        for (int i = 0; i < 3; i++) {
            assertProblem(send(strict, new FakeHttp.Request("GET", "/api/v1/stores").basic("cashier", "wrong" + i)),
                    401, "unauthenticated", "failure " + i);
        }
        FakeHttp.Response basic = send(strict, new FakeHttp.Request("GET", "/api/v1/stores").basic("cashier",
                "cashier"));
        assertProblem(basic, 429, "too-many-logins", "the right password, locked out");
        assertEquals("60", basic.headers.get("Retry-After"));
        FakeHttp.Response session = send(strict, new FakeHttp.Request("POST", "/api/v1/session")
                .json("{\"username\":\"cashier\",\"password\":\"cashier\"}"));
        assertProblem(session, 429, "too-many-logins", "by session");
        assertEquals(Optional.of("60"), Optional.ofNullable(session.headers.get("Retry-After")));
        assertEquals(200, send(strict, new FakeHttp.Request("GET", "/api/v1/session").basic("manager", "manager"))
                .status, "another user is not locked out");
    }
}
