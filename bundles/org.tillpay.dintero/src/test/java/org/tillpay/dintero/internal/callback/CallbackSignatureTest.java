package org.tillpay.dintero.internal.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Dintero-Signature against the vectors of API.md §6.1, and tampered variants of them. */
class CallbackSignatureTest {

    private static final long DOCS_T = 1582236537L;
    private static final String DOCS_SIGNATURE = "6bed2ab1b919d460ef7465a20dc6c97260dca73fab6647106ca525f0908df64a";

    private static final long POS_T = 1714558500L;
    private static final String POS_QUERY = "method=POST&report_event=CAPTURE&report_event=REFUND"
            + "&merchant_reference=SALE+0001&transaction_id=T12345678.4Xyz&session_id=T12345678.4Abc"
            + "&time=2024-05-01T10%3A15%3A00.000Z&event=CAPTURE&event_id=3";
    private static final String POS_SIGNATURE = "f2e19b7ba2927b63a1c9b29038ffa73affb04887a0c1c1bc213fc366965e5304";

    private static List<Map.Entry<String, String>> docsParams() {
        return CallbackSignature.parseQuery("B=123&A=992");
    }

    @Test
    void reproducesDinterosPublishedVector() {
        String payload = CallbackSignature.payload(DOCS_T, "P00000000", "GET", "example.com", "/callback", docsParams());
        assertEquals("1582236537\nP00000000\nGET\nexample.com\n/callback\nA=992&B=123", payload);
        assertEquals(DOCS_SIGNATURE, CallbackSignature.sign("123", payload));
    }

    @Test
    void reproducesThePosVectorWithRepeatedAndEncodedParameters() {
        String payload = CallbackSignature.payload(POS_T, "T12345678", "POST", "pos.example.com", "/dintero/callback",
                CallbackSignature.parseQuery(POS_QUERY));
        assertEquals(POS_SIGNATURE, CallbackSignature.sign("s3cr3t", payload));
    }

    @Test
    void acceptsTheVectorWithinFiveMinutesEitherWay() {
        for (long skew : new long[] {-300, 0, 300}) {
            assertNull(check("t=" + DOCS_T + ",v0-hmac-sha256=" + DOCS_SIGNATURE, "123", "P00000000", "GET",
                    "/callback", docsParams(), Instant.ofEpochSecond(DOCS_T + skew)), "skew " + skew);
        }
        assertNull(check("t=" + DOCS_T + ",v0-hmac-sha256=" + DOCS_SIGNATURE.toUpperCase(), "123", "P00000000", "GET",
                "/callback", docsParams(), Instant.ofEpochSecond(DOCS_T)));
    }

    @Test
    void refusesTamperedVariants() {
        Instant now = Instant.ofEpochSecond(DOCS_T);
        String good = "t=" + DOCS_T + ",v0-hmac-sha256=" + DOCS_SIGNATURE;
        assertNotNull(check(good, "124", "P00000000", "GET", "/callback", docsParams(), now), "wrong secret");
        assertNotNull(check(good, "123", "T00000000", "GET", "/callback", docsParams(), now), "other account");
        assertNotNull(check(good, "123", "P00000000", "POST", "/callback", docsParams(), now), "other method");
        assertNotNull(check(good, "123", "P00000000", "GET", "/callbacks", docsParams(), now), "other path");
        assertNotNull(check(good, "123", "P00000000", "GET", "/callback",
                CallbackSignature.parseQuery("B=123&A=993"), now), "changed parameter");
        assertNotNull(check(good, "123", "P00000000", "GET", "/callback",
                CallbackSignature.parseQuery("B=123&A=992&error=cancelled"), now), "added parameter");
        assertNotNull(check("t=" + (DOCS_T + 1) + ",v0-hmac-sha256=" + DOCS_SIGNATURE, "123", "P00000000", "GET",
                "/callback", docsParams(), now), "changed time");
        assertNotNull(check(good, "123", "P00000000", "GET", "/callback", docsParams(), now.plusSeconds(301)), "too late");
        assertNotNull(check(good, "123", "P00000000", "GET", "/callback", docsParams(), now.minusSeconds(301)), "too early");
        assertNotNull(check(null, "123", "P00000000", "GET", "/callback", docsParams(), now), "no header");
        assertNotNull(check("v0-hmac-sha256=" + DOCS_SIGNATURE, "123", "P00000000", "GET", "/callback", docsParams(), now),
                "no time");
        assertNotNull(check("t=abc,v0-hmac-sha256=" + DOCS_SIGNATURE, "123", "P00000000", "GET", "/callback",
                docsParams(), now), "bad time");
        assertNotNull(check("t=" + DOCS_T + ",v0-hmac-sha256=" + DOCS_SIGNATURE.substring(1) + "0", "123", "P00000000",
                "GET", "/callback", docsParams(), now), "flipped signature");
    }

    @Test
    void hostIsPartOfTheSignature() {
        assertTrue(CallbackSignature.problem("t=" + DOCS_T + ",v0-hmac-sha256=" + DOCS_SIGNATURE, "123", "P00000000",
                "GET", "evil.example.com", "/callback", docsParams(), Instant.ofEpochSecond(DOCS_T)) != null);
    }

    private static String check(String header, String secret, String account, String method, String path,
            List<Map.Entry<String, String>> params, Instant now) {
        return CallbackSignature.problem(header, secret, account, method, "example.com", path, params, now);
    }
}
