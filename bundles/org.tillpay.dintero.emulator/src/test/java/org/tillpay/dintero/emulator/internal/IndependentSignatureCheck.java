package org.tillpay.dintero.emulator.internal;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A second, deliberately different implementation of the documented Dintero-Signature algorithm (API.md 6.1): manual
 * percent-decoding and WHATWG form encoding instead of URLDecoder/URLEncoder, used to check the emulator's signer.
 */
final class IndependentSignatureCheck {

    private IndependentSignatureCheck() {
    }

    static boolean verify(String header, String secret, String accountId, String method, URI url) {
        String t = null;
        String v0 = null;
        for (String part : header.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv[0].equals("t")) {
                t = kv[1];
            } else if (kv[0].equals("v0-hmac-sha256")) {
                v0 = kv[1];
            }
        }
        if (t == null || v0 == null) {
            return false;
        }
        String expected = hmacHex(secret, payload(t, accountId, method, url));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                v0.getBytes(StandardCharsets.US_ASCII));
    }

    static String payload(String t, String accountId, String method, URI url) {
        List<String[]> pairs = new ArrayList<>();
        String raw = url.getRawQuery();
        if (raw != null) {
            for (String p : raw.split("&")) {
                if (!p.isEmpty()) {
                    int eq = p.indexOf('=');
                    pairs.add(new String[] {percentDecode(eq < 0 ? p : p.substring(0, eq)),
                        eq < 0 ? "" : percentDecode(p.substring(eq + 1))});
                }
            }
        }
        Collections.sort(pairs, (a, b) -> a[0].compareTo(b[0])); // Collections.sort is a stable merge sort
        StringBuilder query = new StringBuilder();
        for (String[] p : pairs) {
            query.append(query.length() == 0 ? "" : "&").append(formEncode(p[0])).append('=').append(formEncode(p[1]));
        }
        return String.join("\n", t, accountId, method, url.getHost(), url.getRawPath(), query);
    }

    static String hmacHex(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            StringBuilder hex = new StringBuilder();
            for (byte b : mac.doFinal(payload.getBytes(StandardCharsets.UTF_8))) {
                hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
            return hex.toString();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String percentDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                out.write(' ');
            } else if (c == '%' && i + 2 < s.length()) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** WHATWG application/x-www-form-urlencoded serialisation. */
    private static String formEncode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '*' || c == '-'
                    || c == '.' || c == '_') {
                out.append((char) c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
