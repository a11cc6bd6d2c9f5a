package org.tillpay.dintero.internal.client;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The parts of a Dintero session we act on.
 *
 * @param id the session id
 * @param merchantReference our merchant reference
 * @param transactionId the session's transaction, or null while unpaid
 * @param expiresAt when the link stops working, or null
 * @param cancelled true once the session was cancelled
 * @param events the session event names, oldest first (INITIATED, VISITED, DECLINED, ...)
 * @param dinteroTime Dintero's clock when it answered (its {@code Date} header), or null; expiry is Dintero's call,
 *        so it is judged on Dintero's clock
 */
public record SessionView(String id, String merchantReference, String transactionId, Instant expiresAt,
        boolean cancelled, List<String> events, Instant dinteroTime) {

    /** Copies the list. */
    public SessionView {
        events = List.copyOf(events);
    }

    static SessionView from(DinteroResponse response) {
        JsonNode body = response.body();
        List<String> events = new ArrayList<>();
        for (JsonNode e : body.path("events")) {
            events.add(e.path("name").asText(""));
        }
        return new SessionView(body.path("id").asText(""), body.path("order").path("merchant_reference").asText(null),
                text(body, "transaction_id"), instant(body.path("expires_at").asText(null)),
                !body.path("cancelled_at").isMissingNode() && !body.path("cancelled_at").isNull(), events,
                httpDate(response.headers().get("date")));
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.path(field);
        return v.isTextual() && !v.asText().isEmpty() ? v.asText() : null;
    }

    private static Instant httpDate(String value) {
        try {
            return value == null ? null
                    : java.time.ZonedDateTime.parse(value, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException notADate) {
            return null;
        }
    }

    /**
     * @param ourClock our own time, used when Dintero sent no date
     * @return true when the link's expiry has passed on Dintero's clock
     */
    public boolean expired(Instant ourClock) {
        Instant now = dinteroTime != null ? dinteroTime : ourClock;
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    private static Instant instant(String iso) {
        try {
            return iso == null ? null : Instant.parse(iso);
        } catch (DateTimeParseException notIso) {
            return null;
        }
    }

    /** @return true when the customer declined or the payment failed without a transaction */
    public boolean endedWithoutPayment() {
        return transactionId == null && events.stream().anyMatch(e -> e.equals("DECLINED") || e.equals("FAILED")
                || e.equals("PAY_FAILED") || e.equals("CANCELLED"));
    }
}
