package org.tillpay.dintero.internal.callback;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The HMAC both of Dintero's signatures use: callbacks (HMAC-SHA256) and webhooks (HMAC-SHA1). */
final class Hmac {

    private Hmac() {
    }

    /**
     * @param algorithm the JCA name, e.g. {@code HmacSHA256}
     * @param secret the key, as UTF-8
     * @param data what is signed
     * @return the lower-case hex HMAC
     */
    static String hex(String algorithm, String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return HexFormat.of().formatHex(mac.doFinal(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }
}
