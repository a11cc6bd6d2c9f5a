package org.tillpay.dintero.internal.client;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One HTTP request to Dintero, as handed to a route: method, absolute URL, extra headers and an optional JSON body.
 * {@link #toString()} leaves out headers, since they carry credentials.
 *
 * @param method HTTP method
 * @param url absolute URL including any query
 * @param headers request headers (Authorization among them)
 * @param body JSON body, or null
 * @param storeId the store, for log lines
 */
public record DinteroCall(String method, String url, Map<String, String> headers, JsonNode body, String storeId) {

    /** Checks that nothing required is missing and copies the headers. */
    public DinteroCall {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        headers = Map.copyOf(headers);
    }

    @Override
    public String toString() {
        return method + " " + url + " (store " + storeId + ")";
    }
}
