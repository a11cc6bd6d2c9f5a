package org.tillpay.dintero.emulator.internal;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Query-string parsing and building with form encoding ({@code URLEncoder}/{@code URLDecoder}, UTF-8). */
public final class QueryString {

    private QueryString() {
    }

    /**
     * Splits a raw (still encoded) query into decoded name/value pairs, in order, repeated names kept.
     *
     * @param rawQuery the raw query, may be null or empty
     * @return the pairs
     */
    public static List<Map.Entry<String, String>> parse(String rawQuery) {
        List<Map.Entry<String, String>> params = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            params.add(Map.entry(decode(name), decode(value)));
        }
        return params;
    }

    /**
     * The first value of a parameter in a URL's query.
     *
     * @param url an absolute URL
     * @param name the parameter name
     * @return the decoded value, or empty
     */
    public static Optional<String> first(String url, String name) {
        return parse(URI.create(url).getRawQuery()).stream().filter(e -> e.getKey().equals(name))
                .map(Map.Entry::getValue).findFirst();
    }

    /**
     * Form-encodes pairs as {@code a=1&b=2}.
     *
     * @param params the pairs, in the order wanted
     * @return the encoded query
     */
    public static String encode(List<Map.Entry<String, String>> params) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> p : params) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    /**
     * Appends parameters to a URL, keeping its own query and fragment-free form.
     *
     * @param url an absolute URL
     * @param params the parameters to add
     * @return the new URL
     */
    public static String append(String url, List<Map.Entry<String, String>> params) {
        if (params.isEmpty()) {
            return url;
        }
        int hash = url.indexOf('#');
        String base = hash < 0 ? url : url.substring(0, hash);
        String fragment = hash < 0 ? "" : url.substring(hash);
        String sep = base.contains("?") ? (base.endsWith("?") || base.endsWith("&") ? "" : "&") : "?";
        return base + sep + encode(params) + fragment;
    }

    /**
     * Every value of a parameter.
     *
     * @param query decoded pairs, as {@link #parse(String)} returns them
     * @param name the parameter name
     * @return its values, in order; empty when absent
     */
    public static List<String> values(List<Map.Entry<String, String>> query, String name) {
        return query.stream().filter(e -> e.getKey().equals(name)).map(Map.Entry::getValue).toList();
    }

    /**
     * The first value of a parameter.
     *
     * @param query decoded pairs
     * @param name the parameter name
     * @return the value, or null when absent
     */
    public static String value(List<Map.Entry<String, String>> query, String name) {
        List<String> values = values(query, name);
        return values.isEmpty() ? null : values.get(0);
    }

    /**
     * The {@code limit} parameter of a list endpoint.
     *
     * @param query decoded pairs
     * @param defaultLimit the value when absent
     * @param max the highest allowed (the lowest is 1)
     * @return the limit
     * @throws ApiException 400 when it is not an integer from 1 to {@code max}
     */
    static int limit(List<Map.Entry<String, String>> query, int defaultLimit, int max) {
        String value = value(query, "limit");
        if (value == null) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw ApiException.badRequest("limit must be an integer from 1 to " + max + ", was " + value);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
