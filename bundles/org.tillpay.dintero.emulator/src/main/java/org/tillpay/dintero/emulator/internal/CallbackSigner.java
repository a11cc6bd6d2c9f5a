package org.tillpay.dintero.emulator.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes {@code Dintero-Signature} values (API.md &sect;6.1). Deliberately independent of the product's verifier, so
 * that each checks the other.
 *
 * <p>Signed payload: {@code t \n account_id \n METHOD \n hostname \n path \n query}, where hostname has no port, path is
 * the raw path and query is every parameter, stably sorted by name and form-encoded again. HMAC-SHA256 keyed with the
 * account's signature secret, lower-case hex.
 */
public final class CallbackSigner {

    private CallbackSigner() {
    }

    /**
     * The signed payload for a request.
     *
     * @param epochSeconds the {@code t} value
     * @param accountId the account id, for example {@code T12345678}
     * @param method the HTTP method
     * @param url the full URL called
     * @return the payload text
     */
    public static String payload(long epochSeconds, String accountId, String method, URI url) {
        List<Map.Entry<String, String>> params = new ArrayList<>(QueryString.parse(url.getRawQuery()));
        params.sort(Comparator.comparing(Map.Entry::getKey)); // List.sort is stable: repeated keys keep their order
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return epochSeconds + "\n" + accountId + "\n" + method.toUpperCase(java.util.Locale.ROOT) + "\n"
                + url.getHost() + "\n" + path + "\n" + QueryString.encode(params);
    }

    /**
     * The hex HMAC-SHA256 signature of a request.
     *
     * @param secret the account's signature secret
     * @param epochSeconds the {@code t} value
     * @param accountId the account id
     * @param method the HTTP method
     * @param url the full URL called
     * @return lower-case hex
     */
    public static String sign(String secret, long epochSeconds, String accountId, String method, URI url) {
        return hmacHex("HmacSHA256", secret, payload(epochSeconds, accountId, method, url)
                .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A lower-case hex HMAC, as {@code Dintero-Signature} (HmacSHA256) and the webhooks' {@code event-signature}
     * (HmacSHA1 of the raw body) use.
     *
     * @param algorithm the JCA name, {@code HmacSHA256} or {@code HmacSHA1}
     * @param secret the key, UTF-8
     * @param data the signed bytes
     * @return lower-case hex
     */
    public static String hmacHex(String algorithm, String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return HexFormat.of().formatHex(mac.doFinal(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }

    /**
     * The full {@code Dintero-Signature} header value.
     *
     * @param secret the account's signature secret
     * @param epochSeconds the {@code t} value
     * @param accountId the account id
     * @param method the HTTP method
     * @param url the full URL called
     * @return {@code t=<seconds>,v0-hmac-sha256=<hex>}
     */
    public static String header(String secret, long epochSeconds, String accountId, String method, URI url) {
        return "t=" + epochSeconds + ",v0-hmac-sha256=" + sign(secret, epochSeconds, accountId, method, url);
    }
}
