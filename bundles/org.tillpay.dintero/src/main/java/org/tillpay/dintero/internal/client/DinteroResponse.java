package org.tillpay.dintero.internal.client;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A successful (2xx) answer from Dintero.
 *
 * @param status HTTP status
 * @param body parsed JSON body
 * @param headers response headers of interest (lower-case names)
 */
public record DinteroResponse(int status, JsonNode body, Map<String, String> headers) {

    /** Copies the headers. */
    public DinteroResponse {
        headers = Map.copyOf(headers);
    }
}
