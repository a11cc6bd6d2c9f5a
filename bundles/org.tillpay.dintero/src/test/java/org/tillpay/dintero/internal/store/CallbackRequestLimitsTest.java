package org.tillpay.dintero.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tillpay.dintero.emulator.testing.EmulatorServer;
import org.tillpay.dintero.internal.config.StoreSettings;

/**
 * The callback servlet's size limits come before anything is parsed or verified (a correctly signed request over a
 * limit is refused all the same), and malformed requests get a plain 4xx, never a 500.
 */
class CallbackRequestLimitsTest extends StoreFlowTestBase {

    private static final String HOOK_SECRET = "webhook-secret-of-the-limits-test";

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    @Test
    void aLongQueryOrPathIsRefusedWith414EvenWhenSigned() throws Exception {
        StoreSettings at = fixture.store("071", Map.of()).settings();
        String path = SignedRequests.callbackPath("071");
        String query = "session_id=T12345678.abc&merchant_reference=L-1%2F1&pad=" + "x".repeat(5000);
        RawHttp.Answer longQuery = SignedRequests.callback(at, path, query,
                SignedRequests.dinteroSignature(at, EmulatorServer.SIGNATURE_SECRET, "GET", path, query, now()));
        assertEquals(414, longQuery.status(), longQuery.text());
        String longPath = path + "x".repeat(300);
        RawHttp.Answer tooLong = SignedRequests.callback(at, longPath, "session_id=a",
                SignedRequests.dinteroSignature(at, EmulatorServer.SIGNATURE_SECRET, "GET", longPath, "session_id=a",
                        now()));
        assertEquals(414, tooLong.status(), tooLong.text());
    }

    @Test
    void aLongSignatureHeaderIsRefusedWith431BeforeItIsChecked() throws Exception {
        StoreSettings at = fixture.store("072", Map.of()).settings();
        String path = SignedRequests.callbackPath("072");
        String signature = SignedRequests.dinteroSignature(at, EmulatorServer.SIGNATURE_SECRET, "GET", path,
                "session_id=a", now());
        RawHttp.Answer answer = SignedRequests.callback(at, path, "session_id=a", signature + ",pad=" + "0".repeat(2000));
        assertEquals(431, answer.status(), answer.text());
    }

    @Test
    void aLargeWebhookBodyIsRefusedWith413BeforeItIsVerifiedDeclaredOrChunked() throws Exception {
        StoreSettings at = fixture.store("073", Map.of("webhook_secret", HOOK_SECRET)).settings();
        byte[] body = new byte[300 * 1024];
        Arrays.fill(body, (byte) ' ');
        byte[] envelope = "{\"event\":\"ping\"}".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(envelope, 0, body, 0, envelope.length);
        String signature = SignedRequests.webhookSignature(body, HOOK_SECRET);
        List<Map.Entry<String, String>> headers = List.of(Map.entry("event", "ping"),
                Map.entry("event-signature", signature));
        int port = at.callbackBaseUrl().getPort();
        for (boolean chunked : new boolean[] {false, true}) {
            RawHttp.Answer answer = RawHttp.send(port, "POST", SignedRequests.hookPath("073"), headers, body, chunked);
            assertEquals(413, answer.status(), "chunked " + chunked + ": " + answer.text());
        }
        RawHttp.Answer postCallback = RawHttp.send(port, "POST", SignedRequests.callbackPath("073") + "?session_id=a",
                List.of(), new byte[300 * 1024]);
        assertEquals(413, postCallback.status(), postCallback.text());
    }

    @Test
    void otherMethodsMalformedEscapesAndUnknownPathsGetA4xx() throws Exception {
        StoreSettings at = fixture.store("074", Map.of()).settings();
        int port = at.callbackBaseUrl().getPort();
        for (String method : List.of("PUT", "DELETE", "TRACE", "OPTIONS", "PATCH", "HEAD")) {
            RawHttp.Answer answer = RawHttp.send(port, method, SignedRequests.callbackPath("074"), List.of(), null);
            assertEquals(405, answer.status(), method + ": " + answer.text());
        }
        RawHttp.Answer malformed = RawHttp.send(port, "GET", SignedRequests.callbackPath("074")
                + "?session_id=%zz&merchant_reference=%", List.of(), null);
        assertEquals(400, malformed.status(), malformed.text());
        assertEquals("malformed query", malformed.body());
        RawHttp.Answer returnPage = RawHttp.send(port, "GET", "/tillpay/dintero/return?error=%zz", List.of(), null);
        assertEquals(200, returnPage.status(), returnPage.text());
        assertTrue(returnPage.body().contains("not completed"), returnPage.text());
        assertEquals(404, RawHttp.send(port, "GET", "/tillpay/dintero/elsewhere", List.of(), null).status());
        assertEquals(404, RawHttp.send(port, "GET", "/tillpay/dintero/hooks/074", List.of(), null).status());
    }
}
