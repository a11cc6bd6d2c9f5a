package org.tillpay.dintero.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import org.tillpay.dintero.emulator.testing.EmulatorServer;
import org.tillpay.dintero.internal.store.FuzzRequests.FuzzRequest;
import org.tillpay.ledger.PaymentRecord;
import org.tillpay.payment.api.PaymentHandle;
import org.tillpay.payment.api.PaymentStatus;

/**
 * Fuzzes the real callback servlet on a real Jetty, with two real stores on the emulator and the real ledger on H2
 * (jqwik): random and mutated paths, query strings, headers, bodies and signatures, some signed correctly with the
 * first store's secrets, never with the second's. For every request: no 500, no stack trace or exception class name
 * in the response, a status from the allowed set, and no row of the ledger changed.
 * <p>
 * The ledger holds what a cross-store request could hurt: a paid payment of the second store and, at the first, a
 * payment with the same sale reference whose session was never recorded (the answer to creating it was lost).
 * <p>
 * Bounded and reproducible in the normal build: a fixed seed and {@code jqwik.tries.default} tries (see
 * {@code junit-platform.properties}). A longer session, the same seed run further:
 * {@code mvn -B -o verify -pl bundles/org.tillpay.dintero -Dtest=CallbackFuzzTest -Djqwik.tries.default=100000}.
 */
class CallbackFuzzTest {

    /** What the servlet (or Jetty in front of it) may answer. */
    static final Set<Integer> ALLOWED = Set.of(200, 400, 403, 404, 405, 413, 414, 431, 503);

    /** Anything that looks like an exception or a stack trace, or names our code or the JDK's. */
    static final Pattern LEAK = Pattern.compile("(?i)exception|throwable|\\bat [a-z]+\\.[a-z]|\\.java:\\d|caused by"
            + "|org\\.tillpay|java\\.|javax\\.|com\\.fasterxml|org\\.apache|stack ?trace");

    private static final String SIGNED = "fuzz1";
    private static final String OTHER = "fuzz-other-store";
    private static final String WEBHOOK_SECRET = "fuzz-webhook-secret";

    private static StoreFlowFixture fixture;
    private static FuzzRequests requests;
    private static LedgerSnapshot before;
    private static int port;
    private static final Map<Integer, Integer> STATUSES = new java.util.TreeMap<>();

    @BeforeContainer
    static void start() throws Exception {
        fixture = new StoreFlowFixture();
        DinteroStoreCore signed = fixture.store(SIGNED, Map.of("webhook_secret", WEBHOOK_SECRET));
        DinteroStoreCore other = fixture.store(OTHER, Map.of("signature_secret", "other-store-signature-secret",
                "webhook_secret", "other-store-webhook-secret"));
        PaymentHandle paid = other.startPayment(StoreFlowFixture.sale(OTHER, "FZ-1").build()).toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        fixture.dintero.emulator().pay(paid.sessionId().orElseThrow(), "card");
        other.retry(paid.paymentId()).toCompletableFuture().get(60, TimeUnit.SECONDS); // its callbacks are not signed for us
        PaymentRecord otherPayment = fixture.ledger.find(paid.paymentId()).orElseThrow();
        assertEquals(PaymentStatus.AUTHORIZED, otherPayment.status());
        fixture.dintero.emulator().loseNextSessionResponse();
        assertThrows(ExecutionException.class, () -> signed.startPayment(StoreFlowFixture.sale(SIGNED, "FZ-1").build())
                .toCompletableFuture().get(60, TimeUnit.SECONDS));
        PaymentRecord lost = fixture.ledger.findByMerchantReference(SIGNED, "FZ-1/1").orElseThrow();
        assertNull(lost.sessionId());

        requests = new FuzzRequests(signed.settings(), EmulatorServer.SIGNATURE_SECRET, WEBHOOK_SECRET, OTHER,
                List.of(otherPayment.sessionId(), otherPayment.transactionId(), otherPayment.merchantReference(),
                        lost.merchantReference(), lost.paymentId(), "T12345678.unknownSession", SIGNED, OTHER));
        port = signed.settings().callbackBaseUrl().getPort();
        before = LedgerSnapshot.of(fixture.dataSource());
    }

    @AfterContainer
    static void stop() throws Exception {
        try {
            if (before != null) {
                assertEquals(before, LedgerSnapshot.of(fixture.dataSource()), "the ledger changed during the fuzz run");
                System.out.println("CallbackFuzzTest: requests by status " + STATUSES + ", the ledger unchanged");
                // the run reached past the signature checks, not only the refusals in front of them
                assertTrue(STATUSES.containsKey(200) && STATUSES.containsKey(403) && STATUSES.containsKey(503),
                        STATUSES::toString);
            }
        } finally {
            if (fixture != null) {
                fixture.close();
            }
        }
    }

    @Provide
    Arbitrary<FuzzRequest> requests() {
        return requests.requests();
    }

    @Property(seed = "20261122", shrinking = ShrinkingMode.BOUNDED)
    void noRequestFailsLeaksOrChangesTheLedger(@ForAll("requests") FuzzRequest request) throws IOException {
        RawHttp.Answer answer = RawHttp.send(port, request.method(), request.target(), request.headers(),
                request.body());
        STATUSES.merge(answer.status(), 1, Integer::sum);
        assertTrue(ALLOWED.contains(answer.status()), () -> "status " + answer.status() + " for " + request + "\n"
                + answer.text());
        assertFalse(LEAK.matcher(answer.text()).find(), () -> "leaks for " + request + "\n" + answer.text());
        assertEquals(before, LedgerSnapshot.of(fixture.dataSource()), () -> "the ledger changed after " + request);
    }
}
