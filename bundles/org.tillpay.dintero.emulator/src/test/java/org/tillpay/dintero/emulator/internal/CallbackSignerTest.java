package org.tillpay.dintero.emulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;

import org.junit.jupiter.api.Test;

/** The emulator's signer against the two vectors of API.md 6.1, and against the independent check. */
class CallbackSignerTest {

    private static final URI DOCS_URL = URI.create("https://example.com/callback?B=123&A=992");
    private static final URI POS_URL = URI.create("https://pos.example.com/dintero/callback?method=POST"
            + "&report_event=CAPTURE&report_event=REFUND&merchant_reference=SALE+0001&transaction_id=T12345678.4Xyz"
            + "&session_id=T12345678.4Abc&time=2024-05-01T10%3A15%3A00.000Z&event=CAPTURE&event_id=3");

    @Test
    void dinteroDocsVector() {
        assertEquals("1582236537\nP00000000\nGET\nexample.com\n/callback\nA=992&B=123",
                CallbackSigner.payload(1582236537L, "P00000000", "GET", DOCS_URL));
        assertEquals("6bed2ab1b919d460ef7465a20dc6c97260dca73fab6647106ca525f0908df64a",
                CallbackSigner.sign("123", 1582236537L, "P00000000", "GET", DOCS_URL));
    }

    @Test
    void posVectorWithRepeatedKeysAndEncodedValues() {
        assertEquals("f2e19b7ba2927b63a1c9b29038ffa73affb04887a0c1c1bc213fc366965e5304",
                CallbackSigner.sign("s3cr3t", 1714558500L, "T12345678", "POST", POS_URL));
        String payload = CallbackSigner.payload(1714558500L, "T12345678", "POST", POS_URL);
        assertTrue(payload.endsWith("\nevent=CAPTURE&event_id=3&merchant_reference=SALE+0001&method=POST"
                + "&report_event=CAPTURE&report_event=REFUND&session_id=T12345678.4Abc"
                + "&time=2024-05-01T10%3A15%3A00.000Z&transaction_id=T12345678.4Xyz"), payload);
    }

    @Test
    void headerCarriesTimestampAndSignature() {
        assertEquals("t=1582236537,v0-hmac-sha256=6bed2ab1b919d460ef7465a20dc6c97260dca73fab6647106ca525f0908df64a",
                CallbackSigner.header("123", 1582236537L, "P00000000", "GET", DOCS_URL));
    }

    @Test
    void independentCheckAgreesOnBothVectorsAndRejectsTampering() {
        assertTrue(IndependentSignatureCheck.verify(
                "t=1582236537,v0-hmac-sha256=6bed2ab1b919d460ef7465a20dc6c97260dca73fab6647106ca525f0908df64a",
                "123", "P00000000", "GET", DOCS_URL));
        assertTrue(IndependentSignatureCheck.verify(
                "t=1714558500,v0-hmac-sha256=f2e19b7ba2927b63a1c9b29038ffa73affb04887a0c1c1bc213fc366965e5304",
                "s3cr3t", "T12345678", "POST", POS_URL));
        String header = CallbackSigner.header("s3cr3t", 1714558500L, "T12345678", "POST", POS_URL);
        assertFalse(IndependentSignatureCheck.verify(header, "s3cr3t", "T12345678", "GET", POS_URL));
        assertFalse(IndependentSignatureCheck.verify(header, "other", "T12345678", "POST", POS_URL));
        assertFalse(IndependentSignatureCheck.verify(header, "s3cr3t", "T12345678", "POST",
                URI.create(POS_URL.toString().replace("SALE+0001", "SALE+0002"))));
    }

    @Test
    void hostnameExcludesPortAndEmptyPathIsSlash() {
        assertEquals("1\nT00000001\nGET\nlocalhost\n/\na=1",
                CallbackSigner.payload(1L, "T00000001", "get", URI.create("http://localhost:8080?a=1")));
    }
}
