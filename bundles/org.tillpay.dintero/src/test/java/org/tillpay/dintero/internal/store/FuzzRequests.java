package org.tillpay.dintero.internal.store;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import org.tillpay.dintero.internal.config.StoreSettings;

/**
 * Random and mutated requests for the callback servlet: paths, query strings, headers, bodies and signatures, from
 * dictionaries of what Dintero sends (and the real identifiers of the fixture's payments) mixed with garbage.
 * <p>
 * Only the store {@code signed}'s secrets are known here: a request is signed with them as Dintero would sign it, and
 * sometimes tampered with after signing. The other store's secrets are never used, so nothing here is a genuine
 * request for a payment whose state may change.
 */
final class FuzzRequests {

    /**
     * One request as sent.
     *
     * @param method the method
     * @param target the path and query
     * @param headers the headers
     * @param body the body, or null
     */
    record FuzzRequest(String method, String target, List<Map.Entry<String, String>> headers, byte[] body) {

        @Override
        public String toString() {
            String shownBody = body == null ? "none" : body.length > 300 ? body.length + " bytes"
                    : new String(body, StandardCharsets.ISO_8859_1);
            return method + " " + (target.length() > 300 ? target.substring(0, 300) + "...(" + target.length() + ")"
                    : target) + " " + headers.stream().map(h -> h.getKey() + ": " + (h.getValue().length() > 120
                            ? h.getValue().substring(0, 120) + "...(" + h.getValue().length() + ")" : h.getValue()))
                            .toList() + " body " + shownBody;
        }
    }

    private final StoreSettings signed;
    private final String signatureSecret;
    private final String webhookSecret;
    private final String otherStoreId;
    private final List<String> knownValues;

    /**
     * @param signed the store whose secrets are known
     * @param signatureSecret its callback signature secret
     * @param webhookSecret its webhook secret
     * @param otherStoreId the other store (its secrets are not known here)
     * @param knownValues real identifiers: sessions, transactions, merchant references
     */
    FuzzRequests(StoreSettings signed, String signatureSecret, String webhookSecret, String otherStoreId,
            List<String> knownValues) {
        this.signed = signed;
        this.signatureSecret = signatureSecret;
        this.webhookSecret = webhookSecret;
        this.otherStoreId = otherStoreId;
        this.knownValues = knownValues;
    }

    private Arbitrary<String> garbage(int maxLength) {
        return Arbitraries.oneOf(
                Arbitraries.strings().alpha().numeric().withChars("-._~").ofMaxLength(maxLength),
                Arbitraries.strings().ascii().ofMaxLength(maxLength),
                Arbitraries.strings().all().ofMaxLength(maxLength),
                Arbitraries.of("%", "%z", "%zz", "%0", "%00", "%0A", "%0D%0A", "%2F", "%25", "%E2%82", "%FF%FE", "+",
                        "&", "=", "==", "&&", ";", "..", "../", "%2e%2e%2f", "\u00e6\u00f8\u00e5", "\ud83d\ude00",
                        "<script>", "${jndi:x}", "'", "\"", "\\", "null", "-1", "1e400", "T12345678."));
    }

    private Arbitrary<String> values() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(knownValues)),
                Tuple.of(4, garbage(40)),
                Tuple.of(1, garbage(1000)),
                Tuple.of(1, Arbitraries.strings().withChars("ab%").ofMinLength(4000).ofMaxLength(5200)));
    }

    private Arbitrary<String> paramNames() {
        return Arbitraries.oneOf(Arbitraries.of("session_id", "sid", "merchant_reference", "transaction_id", "time",
                "error", "event", "event_id", "method", "report_event", "report_error", "delay_callback"),
                garbage(12));
    }

    /** @return a query string, well encoded or raw, or null for none */
    private Arbitrary<String> queries() {
        Arbitrary<String> encoded = Combinators.combine(paramNames(), values(), Arbitraries.of(true, false))
                .as((name, value, encode) -> encode ? URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(value, StandardCharsets.UTF_8) : name + "=" + value)
                .list().ofMaxSize(8).map(params -> String.join("&", params));
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(null)), Tuple.of(6, encoded),
                Tuple.of(2, garbage(200)));
    }

    private Arbitrary<String> stores() {
        return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(signed.storeId())),
                Tuple.of(2, Arbitraries.just(otherStoreId)),
                Tuple.of(2, Arbitraries.oneOf(Arbitraries.of("", "nope", "../" + signed.storeId(), signed.storeId()
                        + "/", signed.storeId() + "/x", "%2e%2e", "%66%31", signed.storeId() + "%00"), garbage(20))),
                Tuple.of(1, Arbitraries.strings().alpha().ofMinLength(250).ofMaxLength(400)));
    }

    private Arbitrary<String> paths() {
        Arbitrary<String> endpoint = Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.just("callback/")),
                Tuple.of(4, Arbitraries.just("hooks/")), Tuple.of(1, Arbitraries.just("return")),
                Tuple.of(1, garbage(10)));
        return Combinators.combine(endpoint, stores()).as((e, s) -> "/tillpay/dintero/" + e + (e.endsWith("/") ? s : ""));
    }

    private Arbitrary<String> methods() {
        return Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.of("GET", "POST")),
                Tuple.of(1, Arbitraries.of("PUT", "DELETE", "HEAD", "OPTIONS", "TRACE", "PATCH", "get", "G3T")));
    }

    private Arbitrary<byte[]> bodies() {
        Arbitrary<byte[]> envelope = Combinators.combine(Arbitraries.of("checkout_transaction", "settlement_add",
                "ping", "transaction", "x"), values(), values(), values(), garbage(30))
                .as((event, session, reference, id, extra) -> ("{\"account_id\":\"T12345678\",\"event\":" + json(event)
                        + ",\"event_delivery\":" + json(extra) + ",\"transaction\":{\"id\":" + json(id)
                        + ",\"session_id\":" + json(session) + ",\"merchant_reference\":" + json(reference)
                        + ",\"status\":\"AUTHORIZED\"}}").getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> odd = Arbitraries.of("", "null", "[]", "{}", "\"x\"", "{\"transaction\":[]}",
                "{\"transaction\":{\"session_id\":7}}", "{\"event\":{\"a\":1}}", "{", "{\"a\":\"\\ud800\"}",
                "[".repeat(5000), "{\"a\":" + "9".repeat(5000) + "}").map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(2000);
        Arbitrary<byte[]> large = Arbitraries.integers().between(256 * 1024 - 10, 300 * 1024).map(byte[]::new);
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(null)), Tuple.of(5, envelope), Tuple.of(2, odd),
                Tuple.of(2, bytes), Tuple.of(1, large));
    }

    private static String json(String value) {
        StringBuilder out = new StringBuilder("\"");
        value.chars().forEach(c -> out.append(c == '"' || c == '\\' ? "\\" + (char) c
                : c < 0x20 ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.append('"').toString();
    }

    /** How the request is signed. */
    private enum Signing { NONE, GARBAGE, GOOD, GOOD_THEN_TAMPERED, OTHER_SECRET }

    /** @return requests for the servlet */
    Arbitrary<FuzzRequest> requests() {
        Arbitrary<Long> skews = Arbitraries.oneOf(Arbitraries.of(0L, 1L, -1L, 299L, -299L, 300L, -300L, 301L, -301L,
                86_400L, -86_400L, Long.MAX_VALUE / 2, Long.MIN_VALUE / 2), Arbitraries.longs().between(-1000, 1000));
        Arbitrary<List<Map.Entry<String, String>>> extraHeaders = Combinators.combine(
                Arbitraries.oneOf(Arbitraries.of("event", "event-delivery", "Dintero-Signature", "X-Forwarded-Host",
                        "Content-Type", "X-Forwarded-Proto"), Arbitraries.strings().alpha().ofMinLength(1)
                        .ofMaxLength(20)),
                Arbitraries.oneOf(garbage(60), Arbitraries.strings().ascii().ofMinLength(1000).ofMaxLength(2000)))
                .as(Map::entry).list().ofMaxSize(3);
        return Combinators.combine(methods(), paths(), queries(), bodies(), Arbitraries.of(Signing.values()), skews,
                extraHeaders, garbage(200)).as((method, path, query, body, signing, skew, extra, noise) -> {
                    List<Map.Entry<String, String>> headers = new ArrayList<>();
                    String tamperedPath = path;
                    long t = Instant.now().getEpochSecond() + skew;
                    switch (signing) {
                        case GOOD, GOOD_THEN_TAMPERED -> {
                            headers.add(Map.entry("Dintero-Signature", SignedRequests.dinteroSignature(signed,
                                    signatureSecret, method, path, queryForSigning(query), t)));
                            if (body != null) {
                                headers.add(Map.entry("event-signature", SignedRequests.webhookSignature(body,
                                        webhookSecret)));
                            }
                            if (signing == Signing.GOOD_THEN_TAMPERED) {
                                tamperedPath = tamper(path, noise);
                            }
                        }
                        case OTHER_SECRET -> {
                            headers.add(Map.entry("Dintero-Signature", SignedRequests.dinteroSignature(signed,
                                    "not-" + signatureSecret, method, path, queryForSigning(query), t)));
                            if (body != null) {
                                headers.add(Map.entry("event-signature", SignedRequests.webhookSignature(body,
                                        "not-" + webhookSecret)));
                            }
                        }
                        case GARBAGE -> {
                            headers.add(Map.entry("Dintero-Signature", "t=" + t + ",v0-hmac-sha256=" + noise));
                            headers.add(Map.entry("event-signature", noise));
                        }
                        default -> {
                        }
                    }
                    headers.add(Map.entry("event", body != null && noise.length() % 2 == 0 ? "checkout_transaction"
                            : noise.length() % 3 == 0 ? "settlement_add" : "ping"));
                    headers.addAll(extra.stream().map(h -> Map.entry(h.getKey(), headerSafe(h.getValue()))).toList());
                    return new FuzzRequest(method, targetSafe(tamperedPath) + (query == null ? "" : "?"
                            + targetSafe(query)), headers, body);
                });
    }

    /** The query as signed: a query that is not even parseable cannot be signed, so it goes unsigned. */
    private static String queryForSigning(String query) {
        try {
            org.tillpay.dintero.internal.callback.CallbackSignature.parseQuery(query);
            return query;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String tamper(String path, String noise) {
        if (path.isEmpty()) {
            return noise;
        }
        int at = Math.floorMod(noise.hashCode(), path.length());
        return path.substring(0, at) + (noise.isEmpty() ? "x" : noise.substring(0, 1)) + path.substring(at + 1);
    }

    /** Keeps the request line a request line: no space, CR or LF in the target (percent-encoded instead). */
    private static String targetSafe(String target) {
        StringBuilder out = new StringBuilder();
        for (byte b : target.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            out.append(c <= 0x20 || c >= 0x7f ? String.format("%%%02X", c) : String.valueOf((char) c));
        }
        return out.toString();
    }

    /** Keeps a header one line: no CR or LF in its value. */
    private static String headerSafe(String value) {
        return value.replace('\r', ' ').replace('\n', ' ');
    }
}
