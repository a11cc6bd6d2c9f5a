package org.tillpay.dintero.emulator.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A settlement's attachments: Dintero's normalised report as CSV and JSON ({@code created_by} {@code dintero}) and
 * the provider's own source file (CSV, {@code created_by} the provider). Dintero's real example files could not be
 * retrieved (FLOWS.md (e)), so these layouts are the emulator's; the module README documents them.
 */
final class SettlementReports {

    /** The columns of Dintero's CSV report, one line per settled transaction event. */
    static final List<String> DINTERO_COLUMNS = List.of("transaction_id", "merchant_reference", "store_id",
            "payment_product_type", "event", "event_correlation_id", "event_reference", "amount", "fee", "net",
            "currency", "event_at", "settlement_id", "provider", "provider_reference", "settled_at");

    /** The columns of the provider's file (semicolon-separated, major units with two decimals). */
    static final List<String> PROVIDER_COLUMNS = List.of("settlement_reference", "transaction_date",
            "order_reference", "transaction_type", "gross_amount", "fee_amount", "net_amount", "currency");

    /**
     * One settled transaction event.
     *
     * @param tx the transaction
     * @param event its {@code CAPTURE} or {@code REFUND} event
     * @param amount what the provider moved (gift-card share left out), minor units, positive
     * @param fee the fee, minor units (0 for refunds)
     */
    record Line(TransactionRecord tx, JsonNode event, long amount, long fee) {

        boolean capture() {
            return "CAPTURE".equals(event.path("event").asText());
        }

        String eventId() {
            return event.path("id").asText();
        }

        String at() {
            return event.path("created_at").asText();
        }

        String currency() {
            return tx.text("currency");
        }

        /** @return the line's effect on the payout: capture minus fee, or minus the refund */
        long net() {
            return (capture() ? amount : -amount) - fee;
        }
    }

    /**
     * A stored file.
     *
     * @param id the attachment id
     * @param key the attachment path
     * @param contentType the MIME type it is served with
     * @param extension {@code csv} or {@code json}
     * @param createdBy {@code dintero} or the provider
     * @param bytes the content
     */
    record Attachment(String id, String key, String contentType, String extension, String createdBy, byte[] bytes) {

        /** @return the settlement's {@code attachments[]} entry */
        ObjectNode view() {
            ObjectNode view = Json.object();
            view.put("id", id);
            view.put("key", key);
            view.put("content_type", contentType);
            view.put("extension", extension);
            view.put("created_by", createdBy);
            return view;
        }

        /** @return the file name, the last segment of the key */
        String filename() {
            return key.substring(key.lastIndexOf('/') + 1);
        }
    }

    private SettlementReports() {
    }

    /**
     * Renders a settlement's three files.
     *
     * @param accountId the account
     * @param item the settlement, without attachments yet
     * @param lines its events
     * @return Dintero's CSV, Dintero's JSON, the provider's CSV
     */
    static List<Attachment> build(String accountId, ObjectNode item, List<Line> lines) {
        String id = item.path("id").asText();
        String provider = item.path("provider").asText();
        String reference = item.path("provider_reference").asText();
        String folder = accountId + "/settlements/" + id + "/";
        StringBuilder csv = new StringBuilder(String.join(",", DINTERO_COLUMNS)).append("\r\n");
        ArrayNode events = Json.MAPPER.createArrayNode();
        StringBuilder source = new StringBuilder(String.join(";", PROVIDER_COLUMNS)).append("\r\n");
        for (Line line : lines) {
            ObjectNode event = events.addObject();
            event.put("transaction_id", line.tx().id);
            event.put("merchant_reference", line.tx().merchantReference());
            event.put("store_id", line.tx().text("store", "id"));
            event.put("payment_product_type", line.tx().paymentProductType());
            event.put("event", line.event().path("event").asText());
            event.put("event_correlation_id", line.eventId());
            event.put("event_reference", Json.text(line.event(), "event_reference"));
            event.put("amount", line.amount());
            event.put("fee", line.fee());
            event.put("net", line.net());
            event.put("currency", line.currency());
            event.put("event_at", line.at());
            StringBuilder row = new StringBuilder();
            event.properties().forEach(field -> row.append(csvField(field.getValue().isNull() ? ""
                    : field.getValue().asText())).append(','));
            csv.append(row).append(csvField(id)).append(',').append(csvField(provider)).append(',')
                    .append(csvField(reference)).append(',').append(item.path("settled_at").asText()).append("\r\n");
            long signed = line.capture() ? line.amount() : -line.amount();
            source.append(String.join(";", reference, line.at().substring(0, 10),
                    line.tx().merchantReference().replace(";", ","), line.capture() ? "SALE" : "REFUND",
                    major(signed), major(line.fee()), major(line.net()), line.currency())).append("\r\n");
        }
        ObjectNode report = Json.object();
        ObjectNode settlement = item.deepCopy();
        settlement.remove("attachments");
        report.set("settlement", settlement);
        report.set("events", events);
        return List.of(
                new Attachment(Ids.uuid(), folder + "dintero-settlement-" + id + ".csv", "text/csv; charset=utf-8",
                        "csv", "dintero", csv.toString().getBytes(StandardCharsets.UTF_8)),
                new Attachment(Ids.uuid(), folder + "dintero-settlement-" + id + ".json",
                        "application/json; charset=utf-8", "json", "dintero",
                        Json.write(report).getBytes(StandardCharsets.UTF_8)),
                new Attachment(Ids.uuid(), folder + provider + "-settlement-" + reference + ".csv",
                        "text/csv; charset=utf-8", "csv", provider,
                        source.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled. */
    static String csvField(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    /** Minor units as major units with two decimals, for example {@code -100.00}. */
    private static String major(long minor) {
        return BigDecimal.valueOf(minor, 2).toPlainString();
    }
}
