package org.tillpay.dintero.internal.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.NoSuchElementException;

import org.tillpay.dintero.internal.client.DinteroJson;
import org.tillpay.ledger.settlement.SettlementLine;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The lines of Dintero's normalised settlement report (the JSON attachment: {@code {"settlement": {...},
 * "events": [{transaction_id, merchant_reference, store_id, payment_product_type, event, amount, fee, currency,
 * event_at, ...}]}}), read one event at a time with Jackson's streaming parser, so a report of any size passes
 * through without being held whole. Fields it does not know are skipped. An empty report has no lines.
 */
final class SettlementReportLines implements Iterator<SettlementLine>, AutoCloseable {

    private final JsonParser parser;
    private final String settlementId;
    private final String currency;
    private final boolean onlyThisCurrency;
    private SettlementLine next;
    private int lineNo;

    /**
     * @param report the report's bytes (may be empty)
     * @param settlementId the settlement the lines belong to
     * @param currency the settlement row's currency
     * @param onlyThisCurrency true when the settlement has several currencies and this row takes only its own lines
     */
    SettlementReportLines(byte[] report, String settlementId, String currency, boolean onlyThisCurrency) {
        this.settlementId = settlementId;
        this.currency = currency;
        this.onlyThisCurrency = onlyThisCurrency;
        try {
            this.parser = DinteroJson.MAPPER.getFactory().createParser(report);
            if (report.length > 0 && toEvents()) {
                advance();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("settlement " + settlementId + ": the report is not JSON", e);
        }
    }

    /** Moves the parser into the {@code events} array; false when there is none. */
    private boolean toEvents() throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return false;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("events".equals(field) && value == JsonToken.START_ARRAY) {
                return true;
            }
            parser.skipChildren();
        }
        return false;
    }

    private void advance() throws IOException {
        next = null;
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            JsonNode e = DinteroJson.MAPPER.readTree(parser);
            String lineCurrency = e.path("currency").asText(currency);
            if (onlyThisCurrency && !currency.equals(lineCurrency)) {
                continue;
            }
            next = new SettlementLine(settlementId, lineNo++, e.path("transaction_id").asText(""),
                    e.path("merchant_reference").asText(null), e.path("store_id").asText(null),
                    e.path("payment_product_type").asText(null), e.path("event").asText("CAPTURE"),
                    Math.abs(e.path("amount").asLong()), e.path("fee").asLong(), lineCurrency,
                    instant(e.path("event_at").asText(null)));
            return;
        }
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Override
    public boolean hasNext() {
        return next != null;
    }

    @Override
    public SettlementLine next() {
        if (next == null) {
            throw new NoSuchElementException();
        }
        SettlementLine line = next;
        try {
            advance();
        } catch (IOException e) {
            throw new UncheckedIOException("settlement " + settlementId + ": the report broke off", e);
        }
        return line;
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            // nothing was written; the bytes are in memory
        }
    }
}
