package org.tillpay.dintero.internal.client;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Reads an HTTP {@code Retry-After} header (RFC 9110 &sect;10.2.3): delay-seconds or an HTTP-date. */
final class RetryAfter {

    private RetryAfter() {
    }

    /**
     * @param headers response headers, any case
     * @param now the moment the answer arrived
     * @return how long to wait, never negative; null when the header is missing or not understood
     */
    static Duration from(Map<String, String> headers, Instant now) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (h.getKey() != null && h.getKey().equalsIgnoreCase("Retry-After") && h.getValue() != null) {
                return parse(h.getValue().strip(), now);
            }
        }
        return null;
    }

    /**
     * @param value the header's value
     * @param now the moment the answer arrived
     * @return how long to wait, never negative; null when not understood
     */
    static Duration parse(String value, Instant now) {
        if (value.matches("[0-9]{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(value));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (DateTimeParseException notADate) {
            return null;
        }
    }
}
