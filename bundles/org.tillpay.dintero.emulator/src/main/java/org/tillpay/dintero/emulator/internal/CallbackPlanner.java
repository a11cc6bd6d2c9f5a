package org.tillpay.dintero.emulator.internal;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Decides whether a session outcome triggers a callback, and builds it from the options carried as query parameters
 * on the merchant's {@code callback_url} ({@code method}, {@code report_error}, {@code report_event},
 * {@code delay_callback}, {@code sid_parameter_name}, {@code includes}), as described in API.md &sect;6.
 */
final class CallbackPlanner {

    /** Dintero's maximum {@code delay_callback}. */
    static final int MAX_DELAY_SECONDS = 60;

    private CallbackPlanner() {
    }

    /**
     * Plans a callback.
     *
     * @param session the session
     * @param transaction the transaction view, or null for error deliveries without a transaction
     * @param sessionView the session view, embedded in a POST body when the URL has {@code includes=session}
     * @param error the error code ({@code cancelled}), or null
     * @param event the transaction event reported ({@code CAPTURE}, {@code REFUND}, {@code VOID}), or null for the
     *        authorization callback
     * @param eventId the reported event's id, or null
     * @param now the time put in the {@code time} parameter
     * @return the callback, or empty when the session has no callback URL or the URL did not ask for this kind
     */
    static Optional<CallbackSender.Callback> plan(SessionRecord session, ObjectNode transaction,
            ObjectNode sessionView, String error, String event, String eventId, Instant now) {
        String merchantUrl = session.callbackUrl();
        if (merchantUrl == null) {
            return Optional.empty();
        }
        List<Map.Entry<String, String>> options = QueryString.parse(URI.create(merchantUrl).getRawQuery());
        if (error != null && !"true".equals(option(options, "report_error"))) {
            return Optional.empty();
        }
        if (event != null && options.stream().noneMatch(o -> o.getKey().equals("report_event")
                && o.getValue().equalsIgnoreCase(event))) {
            return Optional.empty();
        }
        List<Map.Entry<String, String>> added = new ArrayList<>();
        if (transaction != null) {
            added.add(Map.entry("transaction_id", transaction.path("id").asText()));
        }
        String sidName = "sid".equals(option(options, "sid_parameter_name")) ? "sid" : "session_id";
        added.add(Map.entry(sidName, session.id));
        added.add(Map.entry("merchant_reference", session.merchantReference()));
        added.add(Map.entry("time", Ids.iso(now)));
        if (error != null) {
            added.add(Map.entry("error", error));
        }
        if (event != null) {
            added.add(Map.entry("event", event));
            if (eventId != null) {
                added.add(Map.entry("event_id", eventId));
            }
        }
        String method = "POST".equalsIgnoreCase(option(options, "method")) ? "POST" : "GET";
        String body = null;
        if ("POST".equals(method) && transaction != null) {
            ObjectNode payload = transaction.deepCopy();
            if (options.stream().anyMatch(o -> o.getKey().equals("includes") && o.getValue().equals("session"))) {
                payload.set("session", sessionView);
            }
            body = Json.write(payload);
        }
        return Optional.of(new CallbackSender.Callback(session.account, session.id, session.merchantReference(),
                URI.create(QueryString.append(merchantUrl, added)), method, body, delay(options)));
    }

    private static Duration delay(List<Map.Entry<String, String>> options) {
        String value = option(options, "delay_callback");
        if (value == null) {
            return Duration.ZERO;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Math.min(MAX_DELAY_SECONDS, Integer.parseInt(value.trim()))));
        } catch (NumberFormatException e) {
            return Duration.ZERO;
        }
    }

    private static String option(List<Map.Entry<String, String>> options, String name) {
        return options.stream().filter(o -> o.getKey().equals(name)).map(Map.Entry::getValue).findFirst()
                .orElse(null);
    }
}
