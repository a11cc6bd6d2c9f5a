package org.tillpay.dintero.internal.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jackson.JacksonDataFormat;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.model.RouteDefinition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What every Dintero route has in common: the request is taken from the {@link DinteroCall} exchange property, sent
 * with camel-http, and the JSON answer parsed with the bundle's mapper. Errors are handled per route:
 * <ul>
 * <li>a 4xx answer becomes a {@link DinteroCallException} body at once, never retried;</li>
 * <li>5xx answers and I/O errors are retried with back-off only on routes declared idempotent (reads, token
 * requests), then become a {@link DinteroCallException} body; a non-idempotent route (create session) gets no retry,
 * because Dintero has no idempotency key and a repeat could send a second SMS.</li>
 * </ul>
 */
abstract class DinteroRouteBuilder extends RouteBuilder {

    /** Exchange property holding the {@link DinteroCall}. */
    static final String CALL = "tillpay.dinteroCall";

    /** One endpoint for every call; the target URL comes from the {@code CamelHttpUri} header. */
    private static final String HTTP_ENDPOINT = "http://dintero?throwExceptionOnFailure=true";

    private static final int TRANSIENT_RETRIES = 2;

    private final JacksonDataFormat json = new JacksonDataFormat(DinteroJson.MAPPER, JsonNode.class);

    /**
     * Defines one API route.
     *
     * @param from the direct endpoint, e.g. {@code direct:dintero-session-get}
     * @param routeId the route id
     * @param idempotent true when repeating the call is harmless, so transient failures may be retried
     */
    protected void apiRoute(String from, String routeId, boolean idempotent) {
        errorHandled(from(from).routeId(routeId), idempotent)
                .process(DinteroRouteBuilder::toHttpRequest)
                .to(HTTP_ENDPOINT)
                .process(DinteroRouteBuilder::keepStatusAndHeaders)
                .unmarshal(json)
                .process(DinteroRouteBuilder::toResponse);
    }

    /**
     * Defines a route that downloads a file (a settlement report): the answer's bytes and content type become a
     * {@link DinteroFile}. Always idempotent (a read).
     *
     * @param from the direct endpoint
     * @param routeId the route id
     */
    protected void fileRoute(String from, String routeId) {
        fileRoute(from, routeId, true);
    }

    /**
     * A file download route, retried on transient failures only when {@code retried}: a signed URL is not, so that
     * no retry log line carries it (the URL is its own authorisation until it expires).
     */
    protected void fileRoute(String from, String routeId, boolean retried) {
        errorHandled(from(from).routeId(routeId), retried)
                .process(DinteroRouteBuilder::toHttpRequest)
                .to(HTTP_ENDPOINT)
                .process(exchange -> exchange.getMessage().setBody(new DinteroFile(
                        exchange.getIn().getHeader(Exchange.CONTENT_TYPE, "application/octet-stream", String.class),
                        exchange.getIn().getBody(byte[].class))));
    }

    private RouteDefinition errorHandled(RouteDefinition route, boolean idempotent) {
        int retries = idempotent ? TRANSIENT_RETRIES : 0;
        route.onException(HttpOperationFailedException.class)
                .onWhen(e -> status(e) >= 500)
                .maximumRedeliveries(retries).redeliveryDelay(200).useExponentialBackOff().backOffMultiplier(2)
                .retryAttemptedLogLevel(LoggingLevel.WARN).logExhausted(false).logStackTrace(false)
                .handled(true).process(DinteroRouteBuilder::toFailure)
                .end();
        route.onException(HttpOperationFailedException.class)
                .handled(true).process(DinteroRouteBuilder::toFailure)
                .end();
        route.onException(IOException.class)
                .maximumRedeliveries(retries).redeliveryDelay(200).useExponentialBackOff().backOffMultiplier(2)
                .retryAttemptedLogLevel(LoggingLevel.WARN).logExhausted(false).logStackTrace(false)
                .handled(true).process(DinteroRouteBuilder::toFailure)
                .end();
        return route;
    }

    private static int status(Exchange e) {
        HttpOperationFailedException f = e.getException(HttpOperationFailedException.class);
        if (f == null) {
            f = e.getProperty(Exchange.EXCEPTION_CAUGHT, HttpOperationFailedException.class);
        }
        return f == null ? 0 : f.getStatusCode();
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
        String what = call.method() + " " + path(call.url());
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
            failure = new DinteroCallException(http.getStatusCode(), code,
                    "Dintero answered " + http.getStatusCode() + " to " + what + ": " + message, null);
        } else {
            String reason = cause == null ? "unknown error" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
            failure = new DinteroCallException(0, null, "Dintero could not be reached for " + what + " (" + reason + ")", null);
        }
        exchange.getMessage().setBody(failure);
    }

    /** The URL without its query, for messages. */
    private static String path(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }
}
