package org.tillpay.dintero.internal.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Dintero's webhook signature: hex HMAC-SHA1 of the raw body. */
class WebhookSignatureTest {

    @Test
    void matchesAKnownHmacSha1AndRefusesAnyChange() {
        // RFC 2202 test case 2: key "Jefe", data "what do ya want for nothing?"
        byte[] body = "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8);
        assertEquals("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79", WebhookSignature.sign(body, "Jefe"));
        assertTrue(WebhookSignature.verify(body, "EFFCDF6AE5EB2FA2D27416D5F184DF9C259A7C79", "Jefe"));
        assertFalse(WebhookSignature.verify(body, "effcdf6ae5eb2fa2d27416d5f184df9c259a7c78", "Jefe"));
        assertFalse(WebhookSignature.verify("what do ya want for nothing!".getBytes(StandardCharsets.UTF_8),
                "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79", "Jefe"));
        assertFalse(WebhookSignature.verify(body, null, "Jefe"));
        assertFalse(WebhookSignature.verify(body, "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79", "jefe"));
    }
}
