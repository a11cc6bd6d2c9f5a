package org.tillpay.dintero.internal.callback;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Dintero's webhook signature (API.md &sect;8): the {@code event-signature} header is the hex HMAC-SHA1 of the raw
 * request body, keyed with the subscription's secret. (Callbacks use another scheme: {@link CallbackSignature}.)
 */
final class WebhookSignature {

    private WebhookSignature() {
    }

    /**
     * @param body the raw body, as received
     * @param secret the subscription secret
     * @return the hex HMAC-SHA1
     */
    static String sign(byte[] body, String secret) {
        return Hmac.hex("HmacSHA1", secret, body);
    }

    /**
     * @param body the raw body, as received
     * @param header the {@code event-signature} header, or null
     * @param secret the subscription secret
     * @return true when the header is the body's signature (compared in constant time)
     */
    static boolean verify(byte[] body, String header, String secret) {
        if (header == null || header.isBlank()) {
            return false;
        }
        byte[] expected = sign(body, secret).getBytes(StandardCharsets.US_ASCII);
        byte[] given = header.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }
}
