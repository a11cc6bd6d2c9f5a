package org.tillpay.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.KarafDistributionBaseConfigurationOption;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 8, the console's API in the distribution: every operation {@code openapi.yaml} describes (read from the running
 * console) refuses callers without credentials or with wrong ones (401, no challenge), refuses each of Karaf's demo
 * users whose role is below the operation's {@code x-tillpay-role} (403) and lets the others through to the operation
 * itself; a browser session changes nothing without its CSRF token; failed logins are throttled; no answer carries a
 * configured secret.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConsoleSecurityIT extends TillpayTestSupport {

    /** Karaf's demo users, lowest first; {@code viewer} has none of the console's roles. */
    private static final List<String> USERS = List.of("viewer", "cashier", "manager", "admin");
    private static final List<String> ROLES = List.of("public", "cashier", "manager", "admin");
    private static final String SALE = "{\"saleReference\":\"%s\",\"currency\":\"NOK\","
            + "\"customerPhone\":\"+4799999999\","
            + "\"lines\":[{\"lineId\":\"1\",\"description\":\"Genser\",\"quantity\":2,\"unitPriceMinor\":29900}]}";

    private final ConsoleCalls host = new ConsoleCalls(karafBaseUrl());
    /** Numbers the sales of every test of the class (one container). */
    private static final AtomicInteger SALES = new AtomicInteger();

    /**
     * The distribution the reactor just built, when there is one (so that this test checks the console of this
     * build, not the one installed in the local repository), the demo users and a strict login throttle.
     */
    @Configuration
    public Option[] config() {
        Option[] base = baseConfig();
        File built = new File(System.getProperty("tillpay.itest.distribution", ""));
        for (int i = 0; i < base.length && built.isFile(); i++) {
            if (base[i] instanceof KarafDistributionBaseConfigurationOption) {
                base[i] = karafDistributionConfiguration().frameworkUrl(built.toURI().toString())
                        .unpackDirectory(new File("target/exam")).useDeployFolder(false).name("Tillpay");
            }
        }
        return Stream.concat(Stream.of(base), Stream.of(
                editConfigurationFilePut("etc/users.properties", "viewer", "viewer, viewer"),
                editConfigurationFilePut("etc/users.properties", "throttled", "throttled, cashier"),
                editConfigurationFilePut("etc/org.tillpay.console.cfg", "login.failures.max", "3"),
                editConfigurationFilePut("etc/org.tillpay.console.cfg", "login.failures.per.address.max", "1000"),
                editConfigurationFilePut("etc/org.tillpay.console.cfg", "login.lockout.seconds", "600")))
                .toArray(Option[]::new);
    }

    /** Waits until the demo store sells and the console serves its API (it comes up last when Karaf boots). */
    @Before
    public void consoleIsServed() {
        paymentMethod("demo");
        eventually(Duration.ofSeconds(60), "the console serves its API", () -> spec() != null);
    }

    /** @return the served openapi.yaml, or null while the console is not served */
    private static String spec() {
        try {
            HttpResponse<String> spec = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    karafBaseUrl() + "/tillpay/console/api/openapi.yaml")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return spec.statusCode() == 200 ? spec.body() : null;
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private List<OpenApiOperations.Operation> operations() {
        List<OpenApiOperations.Operation> ops = OpenApiOperations.read(spec());
        assertTrue("the spec's operations were read: " + ops, ops.size() >= 20);
        for (OpenApiOperations.Operation op : ops) {
            assertTrue(op + " names a known role", ROLES.contains(op.role()));
        }
        return ops;
    }

    /** @return a new sale's payment, started by the cashier */
    private String newPayment() throws Exception {
        ConsoleCalls.Answer sale = host.as("cashier", "POST", "/stores/demo/payments",
                String.format(SALE, "S-SEC-" + SALES.incrementAndGet()));
        assertEquals(sale.toString(), 201, sale.status());
        return sale.json().path("paymentId").asText();
    }

    /** @return a new sale's payment, paid by the customer (so that it can be captured and refunded) */
    private String newPaidPayment() throws Exception {
        String id = newPayment();
        String url = host.as("cashier", "GET", "/payments/" + id, null).json().path("paymentUrl").asText();
        emulator().pay(url.substring(url.lastIndexOf('/') + 1), "vipps");
        eventually(Duration.ofSeconds(15), id + " is paid", () -> {
            try {
                return host.as("cashier", "GET", "/payments/" + id, null).json().path("paid").asBoolean();
            } catch (Exception e) {
                return false;
            }
        });
        return id;
    }

    private static String path(OpenApiOperations.Operation op, String paymentId) {
        return op.path().replace("{storeId}", "demo").replace("{paymentId}", paymentId).replace("{report}", "payouts");
    }

    /** @return the body the operation is called with: a valid one, so that a refusal is the gate's */
    private String body(OpenApiOperations.Operation op) {
        return switch (op.operationId()) {
            case "startPayment" -> String.format(SALE, "S-SEC-" + SALES.incrementAndGet());
            case "capturePayment", "refundPayment" -> "{\"reference\":\"R-SEC-" + SALES.incrementAndGet() + "\"}";
            case "login" -> "{\"username\":\"cashier\",\"password\":\"cashier\"}";
            default -> op.changes() && !op.method().equals("DELETE") ? "{}" : null;
        };
    }

    private static void assertProblem(ConsoleCalls.Answer a, int status, String type, String what) {
        assertEquals(what + ": " + a, status, a.status());
        assertEquals(what + ": " + a, type, a.problemType());
    }

    /** The answer of an operation the caller may call: the operation's own, not the gate's. */
    private static void assertPassedTheGate(ConsoleCalls.Answer a, String what) {
        assertTrue(what + ": " + a, a.status() != 401 && a.status() != 403 && a.status() < 500);
        if (a.status() >= 400) {
            String type = a.problemType();
            assertFalse(what + ": " + a, Set.of("unauthenticated", "forbidden", "csrf", "too-many-logins",
                    "method-not-allowed", "unsupported-media-type").contains(type));
            if (a.status() == 404) {
                assertFalse(what + ": the 404 is the handler's, not the router's", a.json().path("detail").asText()
                        .startsWith("no operation"));
            }
        }
    }

    @Test
    public void everyOperationRefusesStrangersAndLowerRolesAndLetsTheOthersThrough() throws Exception {
        String unpaid = newPayment();
        String paid = newPaidPayment();
        List<String> walked = new ArrayList<>();
        for (OpenApiOperations.Operation op : operations()) {
            boolean moneyMoves = op.operationId().equals("capturePayment") || op.operationId().equals("refundPayment");
            String path = path(op, moneyMoves ? paid : unpaid);
            if (op.role().equals("public")) {
                assertProblem(host.send(op.method(), path, "{\"username\":\"cashier\",\"password\":\"wrong\"}"), 401,
                        "unauthenticated", op + " wrong password");
                for (String user : USERS.subList(1, USERS.size())) {
                    ConsoleCalls.Answer login = host.send(op.method(), path, "{\"username\":\"" + user
                            + "\",\"password\":\"" + user + "\"}");
                    assertEquals(op + " " + user + ": " + login, 200, login.status());
                }
                walked.add(op.operationId());
                continue;
            }
            ConsoleCalls.Answer anonymous = new ConsoleCalls(karafBaseUrl()).send(op.method(), path, body(op));
            assertProblem(anonymous, 401, "unauthenticated", op + " without credentials");
            assertTrue(op + " never challenges", anonymous.headers().firstValue("WWW-Authenticate").isEmpty());
            ConsoleCalls.Answer wrong = host.send(op.method(), path, body(op), "Authorization",
                    ConsoleCalls.basic("cashier", "not-the-password"));
            assertProblem(wrong, 401, "unauthenticated", op + " with a wrong password");
            assertTrue(op + " never challenges", wrong.headers().firstValue("WWW-Authenticate").isEmpty());
            for (String user : USERS) {
                ConsoleCalls.Answer a = host.as(user, op.method(), path, body(op));
                if (USERS.indexOf(user) < ROLES.indexOf(op.role())) {
                    assertProblem(a, 403, "forbidden", op + " as " + user);
                } else {
                    assertPassedTheGate(a, op + " as " + user);
                }
            }
            walked.add(op.operationId());
        }
        assertEquals("every operation was walked", operations().size(), walked.size());
        JsonNode payment = host.as("cashier", "GET", "/payments/" + paid, null).json();
        assertEquals("the manager captured and refunded it", payment.path("amountMinor").asLong(),
                payment.path("refundedMinor").asLong());
    }

    @Test
    public void bodiesAreLimitedInSizeAndTypeAndMalformedRequestsAre400() throws Exception {
        String big = String.format(SALE, "S-SEC-BIG").replace("\"Genser\"", "\"" + "x".repeat(300 * 1024) + "\"");
        assertProblem(host.as("cashier", "POST", "/stores/demo/payments", big), 413, "payload-too-large", "300 KiB");
        assertProblem(host.send("POST", "/stores/demo/payments", String.format(SALE, "S-SEC-TYPE"), "Authorization",
                ConsoleCalls.basic("cashier", "cashier"), "Content-Type", "text/plain"), 415, "unsupported-media-type",
                "text/plain");
        assertProblem(host.as("cashier", "POST", "/stores/demo/payments", "{\"saleReference\":"), 400,
                "invalid-request", "malformed JSON");
        assertProblem(host.as("cashier", "POST", "/stores/demo/payments", String.format(SALE, "S-SEC-Q")
                .replace("\"quantity\":2", "\"quantity\":4294967298")), 400, "invalid-request", "quantity");
        assertProblem(host.as("cashier", "GET", "/payments?limit=abc", null), 400, "invalid-request", "limit");
        assertProblem(host.as("manager", "GET", "/stores/demo/payouts?from=yesterday", null), 400, "invalid-request",
                "from");
        assertTrue("nothing was started", host.as("cashier", "GET", "/payments?store=demo&sale=S-SEC-BIG", null).json()
                .isEmpty());
    }

    @Test
    public void aBrowserSessionWithoutItsCsrfTokenChangesNothing() throws Exception {
        String paymentId = newPayment();
        ConsoleCalls browser = new ConsoleCalls(karafBaseUrl());
        ConsoleCalls.Answer login = browser.send("POST", "/session", "{\"username\":\"admin\",\"password\":\"admin\"}");
        assertEquals(login.toString(), 200, login.status());
        String token = login.json().path("csrfToken").asText();
        int changes = 0;
        for (OpenApiOperations.Operation op : operations()) {
            if (!op.changes() || op.role().equals("public")) {
                continue;
            }
            String sale = "S-SEC-CSRF-" + SALES.incrementAndGet();
            String body = op.operationId().equals("startPayment") ? String.format(SALE, sale) : body(op);
            assertProblem(browser.send(op.method(), path(op, paymentId), body), 403, "csrf", op + " without token");
            assertProblem(browser.send(op.method(), path(op, paymentId), body, "X-CSRF-Token", token + "x"), 403,
                    "csrf", op + " with a wrong token");
            assertEquals("nothing was started", 0, host.as("cashier", "GET", "/payments?sale=" + sale, null).json()
                    .size());
            changes++;
        }
        assertEquals("every changing operation was tried", 8, changes);
        JsonNode payment = host.as("cashier", "GET", "/payments/" + paymentId, null).json();
        assertEquals("the payment was not parked, cancelled or refreshed", "LINK_SENT",
                payment.path("status").asText());
        assertFalse(payment.path("parked").asBoolean());
        assertEquals("the session is still there", "admin", browser.send("GET", "/session", null).json()
                .path("username").asText());
    }

    @Test
    public void repeatedFailedLoginsAreAnswered429WithRetryAfterWhetherTheUserExistsOrNot() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertProblem(host.send("GET", "/stores", null, "Authorization",
                    ConsoleCalls.basic("throttled", "guess" + i)), 401, "unauthenticated", "failure " + i);
            assertProblem(host.send("POST", "/session", "{\"username\":\"no-such-user\",\"password\":\"guess" + i
                    + "\"}"), 401, "unauthenticated", "failure " + i + " of a user that does not exist");
        }
        ConsoleCalls.Answer real = host.as("throttled", "GET", "/stores", null);
        assertProblem(real, 429, "too-many-logins", "the right password after 3 failures");
        long retryAfter = Long.parseLong(real.headers().firstValue("Retry-After").orElseThrow());
        assertTrue("Retry-After " + retryAfter, retryAfter > 0 && retryAfter <= 600);
        ConsoleCalls.Answer ghost = host.send("POST", "/session", "{\"username\":\"no-such-user\",\"password\":\"x\"}");
        assertProblem(ghost, 429, "too-many-logins", "a user that does not exist, alike");
        assertTrue(ghost.headers().firstValue("Retry-After").isPresent());
        assertEquals("the same words either way: no oracle", real.json().path("detail").asText()
                .replaceAll("\\d+", "N"), ghost.json().path("detail").asText().replaceAll("\\d+", "N"));
        assertProblem(host.send("POST", "/session", "{\"username\":\"throttled\",\"password\":\"throttled\"}"), 429,
                "too-many-logins", "by session too");
        assertEquals("others may still log in", 200, host.as("cashier", "GET", "/stores", null).status());
    }

    @Test
    public void noAnswerCarriesAConfiguredSecret() throws Exception {
        configureStore("itsec", "T00000077", Map.of());
        try {
            paymentMethod("itsec");
            Set<String> secrets = ConfiguredSecrets.of(configAdmin);
            assertTrue("the test store's secrets are among those looked for", secrets.contains("itsec-secret")
                    && secrets.contains("itsec-signing"));
            String paymentId = newPayment();
            List<ConsoleCalls.Answer> answers = new ArrayList<>();
            for (OpenApiOperations.Operation op : operations()) {
                if (op.changes()) {
                    continue;
                }
                for (String store : List.of("demo", "itsec")) {
                    answers.add(host.as("admin", op.method(), path(op, paymentId).replace("/demo/", "/" + store + "/"),
                            null));
                }
            }
            answers.add(host.send("POST", "/session", "{\"username\":\"admin\",\"password\":\"admin\"}"));
            answers.add(host.send("POST", "/session", "{\"username\":\"admin\",\"password\":\"wrong\"}"));
            assertEquals("the stores list both stores", 2, host.as("admin", "GET", "/stores", null).json().size());
            for (ConsoleCalls.Answer a : answers) {
                for (String secret : secrets) {
                    assertFalse("an answer carries a configured secret (" + secret.length() + " characters)",
                            a.body().contains(secret));
                }
                if (a.headers().firstValue("Content-Type").orElse("").contains("json")) {
                    assertFalse("a field named like a secret: " + a.body(), ConfiguredSecrets.namesASecret(a.json()));
                }
            }
        } finally {
            deleteCreatedConfigurations();
        }
    }
}
