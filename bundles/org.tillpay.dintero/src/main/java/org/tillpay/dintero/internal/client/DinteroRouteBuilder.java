package org.tillpay.dintero.internal.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jackson.JacksonDataFormat;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.model.RouteDefinition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What every Dintero route has in common: the request is taken from the {@link DinteroCall} exchange property, sent
 * with camel-http, and the JSON answer parsed with the bundle's mapper. Errors are handled per route, and the route
 * itself never repeats a call:
 * <ul>
 * <li>any error answer or I/O error (timeout, refused connection) becomes a {@link DinteroCallException} body, with
 * Dintero's status, error code, message and {@code Retry-After};</li>
 * <li>each route declares its {@link CallSafety}: {@link DinteroCamelHost} repeats transient failures (no answer, 5xx,
 * 429) of safe calls only, with back-off, jitter and {@code Retry-After}, off the call pool's threads. A 4xx is
 * never repeated; a session create is never repeated, because Dintero has no idempotency key and a repeat could send
 * a second SMS.</li>
 * </ul>
 */
abstract class DinteroRouteBuilder extends RouteBuilder {

    /** Exchange property holding the {@link DinteroCall}. */
    static final String CALL = "tillpay.dinteroCall";

    /** One endpoint for every call; the target URL comes from the {@code CamelHttpUri} header. */
    private static final String HTTP_ENDPOINT = "http://dintero?throwExceptionOnFailure=true";

    private final Map<String, CallSafety> safety = new java.util.HashMap<>();

    private final JacksonDataFormat json = new JacksonDataFormat(DinteroJson.MAPPER, JsonNode.class);

    /**
     * Defines one API route.
     *
     * @param from the direct endpoint, e.g. {@code direct:dintero-session-get}
     * @param routeId the route id
     * @param safety whether transient failures may be retried
     */
    protected void apiRoute(String from, String routeId, CallSafety safety) {
        errorHandled(from(from).routeId(routeId), from, safety)
                .process(DinteroRouteBuilder::toHttpRequest)
                .to(HTTP_ENDPOINT)
                .process(DinteroRouteBuilder::keepStatusAndHeaders)
                .unmarshal(json)
                .process(DinteroRouteBuilder::toResponse);
    }

    /**
     * Defines a route that downloads a file (a settlement report): the answer's bytes and content type become a
     * {@link DinteroFile}.
     *
     * @param from the direct endpoint
     * @param routeId the route id
     * @param safety {@link CallSafety#SAFE} for a read; {@link CallSafety#NEVER} for a signed URL, so that no retry
     *        log line carries it (the URL is its own authorisation until it expires)
     */
    protected void fileRoute(String from, String routeId, CallSafety safety) {
        errorHandled(from(from).routeId(routeId), from, safety)
                .process(DinteroRouteBuilder::toHttpRequest)
                .to(HTTP_ENDPOINT)
                .process(exchange -> exchange.getMessage().setBody(new DinteroFile(
                        exchange.getIn().getHeader(Exchange.CONTENT_TYPE, "application/octet-stream", String.class),
                        exchange.getIn().getBody(byte[].class))));
    }

    private RouteDefinition errorHandled(RouteDefinition route, String from, CallSafety callSafety) {
        safety.put(from, callSafety);
        route.onException(HttpOperationFailedException.class, IOException.class)
                .handled(true).process(DinteroRouteBuilder::toFailure)
                .end();
        return route;
    }

    /** @return each route's direct endpoint with its safety, once {@link #configure()} has run */
    Map<String, CallSafety> safety() {
        return Map.copyOf(safety);
    }

    private static void toHttpRequest(Exchange exchange) throws JsonProcessingException {
        DinteroCall call = exchange.getProperty(CALL, DinteroCall.class);
        Message in = exchange.getIn();
        in.removeHeaders("*");
        in.setHeader(Exchange.HTTP_METHOD, call.method());
        in.setHeader(Exchange.HTTP_URI, call.url());
        in.setHeader("Accept", "application/json");
        call.headers().forEach(in::setHeader);
        if (call.body() != null) {
            in.setHeader(Exchange.CONTENT_TYPE, "application/json");
            in.setBody(DinteroJson.MAPPER.writeValueAsString(call.body()).getBytes(StandardCharsets.UTF_8));
        } else {
            in.setBody(null);
        }
    }

    private static void keepStatusAndHeaders(Exchange exchange) {
        Message in = exchange.getIn();
        Map<String, String> headers = new TreeMap<>();
        for (String name : new String[] {"event-request-id", "retry-after", "date"}) {
            Object v = in.getHeader(name);
            if (v != null) {
                headers.put(name, v.toString());
            }
        }
        exchange.setProperty("tillpay.responseHeaders", headers);
        exchange.setProperty("tillpay.responseStatus", in.getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class));
    }

    @SuppressWarnings("unchecked")
    private static void toResponse(Exchange exchange) {
        JsonNode body = exchange.getIn().getBody(JsonNode.class);
        exchange.getMessage().setBody(new DinteroResponse(exchange.getProperty("tillpay.responseStatus", Integer.class),
                body, exchange.getProperty("tillpay.responseHeaders", Map.class)));
    }

    private static void toFailure(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        DinteroCall call = exchange.getProperty(CALL, DinteroCall.class);
        String what = call.method() + " " + DinteroCamelHost.path(call.url());
        DinteroCallException failure;
        if (cause instanceof HttpOperationFailedException http) {
            String code = null;
            String message = http.getStatusText();
            try {
                JsonNode error = DinteroJson.MAPPER.readTree(http.getResponseBody() == null ? "{}" : http.getResponseBody())
                        .path("error");
                code = error.path("code").isTextual() ? error.path("code").asText() : null;
                message = error.path("message").asText(message);
            } catch (IOException notJson) {
                // keep the status text
            }
            java.time.Duration retryAfter = RetryAfter.from(http.getResponseHeaders(), java.time.Instant.now());
            failure = new DinteroCallException(http.getStatusCode(), code,
                    "Dintero answered " + http.getStatusCode() + " to " + what + ": " + message
                            + whenToTryAgain(http.getStatusCode(), retryAfter), null, retryAfter, false);
        } else {
            String reason = cause == null ? "unknown error" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
            failure = new DinteroCallException(0, null, "Dintero could not be reached for " + what + " (" + reason + ")", null);
        }
        exchange.getMessage().setBody(failure);
    }

    /** For 429 and 503: Dintero did nothing (429) or could not (503); say when it may take the call again. */
    private static String whenToTryAgain(int status, java.time.Duration retryAfter) {
        if (status != 429 && status != 503) {
            return "";
        }
        String nothing = status == 429 ? "; nothing was done (rate limited)" : "";
        if (retryAfter == null) {
            return nothing + "; try again later";
        }
        return nothing + "; try again in " + retryAfter.toSeconds() + " s (after "
                + java.time.Instant.now().plus(retryAfter).truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ")";
    }

}
