package org.tillpay.dintero.internal.callback;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
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
