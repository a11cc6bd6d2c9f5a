package org.tillpay.dintero.emulator.internal;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.tillpay.dintero.emulator.testing.CallbackRecorder;
import org.tillpay.dintero.emulator.testing.EmulatorServer;

/**
 * A test's emulator (default account, contract-checked on close), a bearer token for it and a merchant callback
 * endpoint; for the transaction-operation tests.
 */
abstract class EmulatorTestBase {

    static final Duration WAIT = Duration.ofSeconds(10);

    final CallbackRecorder merchant = CallbackRecorder.start();
    final EmulatorServer server = EmulatorServer.start();
    final String bearer = Http.bearer(server);

    @AfterEach
    void closeServer() {
        Http.closeCheckingContract(server, merchant);
    }

    /** Creates a session from a body and returns its id. */
    String session(String body) {
        return Http.createSession(server, bearer, body).path("id").asText();
    }

    /** Pays a fresh session (lines "1" = 49800 and "2" = 10000, no callback URL) and returns the transaction id. */
    String paid(String method) {
        return server.emulator().pay(session(Sessions.body()), method).transactionId();
    }

    /** A session body whose callback URL is the merchant's, with the given query (for example report_event=CAPTURE). */
    String withCallback(String query) {
        return Sessions.body("+4799999999", merchant.url() + (query == null ? "" : "?" + query), null);
    }
}
