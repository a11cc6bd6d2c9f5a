package org.tillpay.dintero.internal.callback;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;


/**
 * Dintero's {@code Dintero-Signature} callback signature (API.md §6.1): HMAC-SHA256 over
 * {@code t \n account \n METHOD \n host \n path \n query}, where the query holds every parameter sorted by name (a
 * stable sort) and form-encoded. Only the URL is signed, never a body. Checked in constant time, within 300 s.
 */
public final class CallbackSignature {

    /** How far the signature's time may be from ours, either way. */
    public static final Duration TOLERANCE = Duration.ofSeconds(300);

    private static final String SCHEME = "v0-hmac-sha256";

    private CallbackSignature() {
    }

    /**
     * Splits a raw query string into its parameters, in order, form-decoded.
     *
     * @param rawQuery the raw query, or null
     * @return the parameters, repeated names kept in order
     * @throws IllegalArgumentException when an escape is malformed (a {@code %} not followed by two hex digits)
     */
    public static List<Map.Entry<String, String>> parseQuery(String rawQuery) {
        List<Map.Entry<String, String>> params = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.add(Map.entry(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8)));
        }
        return params;
    }

    /**
     * The string Dintero signs.
     *
     * @param timestamp the {@code t} value
     * @param accountId the full account id, e.g. T12345678
     * @param method HTTP method
     * @param host host name without scheme or port
     * @param path raw path
     * @param params every query parameter
     * @return the payload
     */
    public static String payload(long timestamp, String accountId, String method, String host, String path,
            List<Map.Entry<String, String>> params) {
        String query = params.stream()
                .sorted(Comparator.comparing(Map.Entry::getKey))
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return timestamp + "\n" + accountId + "\n" + method.toUpperCase(java.util.Locale.ROOT) + "\n" + host + "\n"
                + path + "\n" + query;
    }

    /**
     * @param secret the signature secret
     * @param payload the signed string
     * @return lower-case hex HMAC-SHA256
     */
    public static String sign(String secret, String payload) {
        return Hmac.hex("HmacSHA256", secret, payload.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Checks a {@code Dintero-Signature} header.
     *
     * @param header the header value, e.g. {@code t=1582236537,v0-hmac-sha256=6bed...}; null fails
     * @param secret the store's signature secret
     * @param accountId the store's account id
     * @param method the request method
     * @param host the public host Dintero called
     * @param path the public path Dintero called
     * @param params every query parameter of the call
     * @param now the current time
     * @return why the check failed, or null when the signature is good
     */
    public static String problem(String header, String secret, String accountId, String method, String host,
            String path, List<Map.Entry<String, String>> params, Instant now) {
        return verify(header, secret, accountId, method, host, path, params, now).problem();
    }

    /**
     * What checking a {@code Dintero-Signature} header found.
     *
     * @param problem why the check failed, or null when the signature is good
     * @param timestamp the signature's {@code t} when good
     * @param signature the good signature, lower-case hex, when good (it names this exact request: a replay has it too)
     */
    public record Verdict(String problem, long timestamp, String signature) {

        /** @return true when the signature is good */
        public boolean good() {
            return problem == null;
        }

        static Verdict refused(String problem) {
            return new Verdict(problem, 0, null);
        }
    }

    /**
     * Checks a {@code Dintero-Signature} header: its {@code t} within {@link #TOLERANCE} of {@code now} either way, and
     * one of its {@code v0-hmac-sha256} values equal (compared in constant time) to the one computed from the URL.
     *
     * @param header the header value, e.g. {@code t=1582236537,v0-hmac-sha256=6bed...}; null fails
     * @param secret the store's signature secret
     * @param accountId the store's account id
     * @param method the request method
     * @param host the public host Dintero called
     * @param path the public path Dintero called
     * @param params every query parameter of the call
     * @param now the current time
     * @return the verdict
     */
    public static Verdict verify(String header, String secret, String accountId, String method, String host,
            String path, List<Map.Entry<String, String>> params, Instant now) {
        if (header == null || header.isBlank()) {
            return Verdict.refused("no Dintero-Signature header");
        }
        Long t = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = part.substring(0, eq).strip();
            String value = part.substring(eq + 1).strip();
            if (key.equals("t")) {
                try {
                    t = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    return Verdict.refused("signature time is not a number");
                }
            } else if (key.equals(SCHEME)) {
                signatures.add(value);
            }
        }
        if (t == null || signatures.isEmpty()) {
            return Verdict.refused("signature header lacks t or " + SCHEME);
        }
        long nowSeconds = now.getEpochSecond();
        long tolerance = TOLERANCE.toSeconds();
        if (t < nowSeconds - tolerance || t > nowSeconds + tolerance) { // no overflow: now is far from the extremes
            return Verdict.refused("signature time " + t + " is more than " + tolerance + " s from now ("
                    + nowSeconds + ")");
        }
        byte[] expected = sign(secret, payload(t, accountId, method, host, path, params)).getBytes(StandardCharsets.US_ASCII);
        for (String candidate : signatures) {
            byte[] given = candidate.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, given)) {
                return new Verdict(null, t, new String(expected, StandardCharsets.US_ASCII));
            }
        }
        return Verdict.refused("signature does not match");
    }
}
