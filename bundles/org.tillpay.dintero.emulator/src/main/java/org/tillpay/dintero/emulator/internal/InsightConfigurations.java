package org.tillpay.dintero.emulator.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Insight report configurations (API.md &sect;10.2; Dintero's {@code spec-insight.yaml} is not available, so the
 * shapes follow its published documentation pages): validated, stored per account, listed, read, replaced and
 * deleted. Every method takes the emulator's lock.
 */
final class InsightConfigurations {

    /** The data types Dintero offers; only checkout transactions are documented. */
    static final Set<String> DATA_TYPES = Set.of("checkout/transactions");
    /** Schedules, in the order messages name them. */
    static final List<String> SCHEDULES = List.of("daily", "weekly", "monthly");
    static final List<String> LANGUAGES = List.of("no", "en");
    static final List<String> CONTENT_TYPES = List.of("text/csv", "application/pdf");
    /**
     * Filter names: {@code store_id} and {@code payout_destination_id} from the Insight documentation, and
     * {@code operation_payout_destination}, the payments spec's {@code ReportFilter} name for the latter.
     */
    static final List<String> FILTERS = List.of("store_id", "payout_destination_id", "operation_payout_destination");
    /** Dintero's documented maximum length of {@code name}. */
    static final int MAX_NAME = 64;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Logger LOG = LoggerFactory.getLogger(InsightConfigurations.class);

    /**
     * A stored configuration.
     *
     * @param id a UUID
     * @param accountId the owning account
     * @param createdAt when created
     * @param createdBy the API client that created it
     * @param body the validated request fields, in Dintero's names
     */
    record Stored(String id, String accountId, Instant createdAt, String createdBy, ObjectNode body) {

        String schedule() {
            return body.path("schedule").asText();
        }

        String name() {
            return body.path("name").asText();
        }

        /** The configuration as Dintero shows it: {@code id}, {@code accountId}, {@code created_at}, the fields. */
        ObjectNode view() {
            ObjectNode view = Json.object();
            view.put("id", id);
            view.put("accountId", accountId);
            view.put("created_at", Ids.iso(createdAt));
            view.put("created_by", createdBy);
            view.setAll(body.deepCopy());
            return view;
        }
    }

    private final Object lock;
    private final Clock clock;
    private final Map<String, Stored> stored = new LinkedHashMap<>();

    /**
     * @param lock the emulator's lock
     * @param clock the emulator's clock
     */
    InsightConfigurations(Object lock, Clock clock) {
        this.lock = lock;
        this.clock = clock;
    }

    /** {@code POST .../insight/reports/configuration}. */
    ObjectNode create(Caller caller, byte[] rawBody) {
        ObjectNode body = validate(Json.parse(rawBody));
        Stored config = new Stored(Ids.uuid(), caller.accountId(), clock.instant(), caller.clientId(), body);
        synchronized (lock) {
            stored.put(config.id(), config);
        }
        LOG.info("Insight report configuration {} for account {} created: {} {} {} filters {}", config.id(),
                config.accountId(), config.schedule(), config.name(), body.path("contentTypes"),
                body.path("reportFilters"));
        return config.view();
    }

    /** {@code PUT .../configuration/{id}}: replaces the fields; keeps id, account and creation. */
    ObjectNode replace(String accountId, String id, byte[] rawBody) {
        ObjectNode body = validate(Json.parse(rawBody));
        synchronized (lock) {
            Stored old = owned(accountId, id);
            Stored config = new Stored(old.id(), old.accountId(), old.createdAt(), old.createdBy(), body);
            stored.put(id, config);
            LOG.info("Insight report configuration {} for account {} updated: {} {}", id, accountId,
                    config.schedule(), config.name());
            return config.view();
        }
    }

    /** {@code GET .../configuration}: a JSON array, oldest first. */
    ArrayNode list(String accountId) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        own(accountId).forEach(c -> list.add(c.view()));
        return list;
    }

    /** {@code GET .../configuration/{id}}. */
    ObjectNode get(String accountId, String id) {
        synchronized (lock) {
            return owned(accountId, id).view();
        }
    }

    /** {@code DELETE .../configuration/{id}}: answers the deleted configuration. */
    ObjectNode delete(String accountId, String id) {
        synchronized (lock) {
            Stored config = owned(accountId, id);
            stored.remove(id);
            LOG.info("Insight report configuration {} for account {} deleted", id, accountId);
            return config.view();
        }
    }

    /** The account's configurations, oldest first. */
    List<Stored> own(String accountId) {
        synchronized (lock) {
            return stored.values().stream().filter(c -> c.accountId().equals(accountId)).toList();
        }
    }

    private Stored owned(String accountId, String id) {
        Stored config = stored.get(id);
        if (config == null || !config.accountId().equals(accountId)) {
            throw ApiException.notFound("insight report configuration " + id + " not found");
        }
        return config;
    }

    /**
     * Validates a configuration body; each 400 names the field.
     *
     * @param body the parsed body
     * @return the fields kept, in Dintero's order: dataType, name, schedule, language, emails, reportFilters,
     *         contentTypes
     */
    static ObjectNode validate(JsonNode body) {
        if (!body.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object");
        }
        ObjectNode kept = Json.object();
        String dataType = required(body, "dataType");
        if (!DATA_TYPES.contains(dataType)) {
            throw ApiException.badRequest("dataType must be checkout/transactions, was " + dataType);
        }
        kept.put("dataType", dataType);
        String name = required(body, "name");
        if (name.isBlank() || name.length() > MAX_NAME) {
            throw ApiException.badRequest("name must be 1 to " + MAX_NAME + " characters, was " + name.length());
        }
        kept.put("name", name);
        kept.put("schedule", oneOf(body, "schedule", SCHEDULES));
        kept.put("language", oneOf(body, "language", LANGUAGES));
        ArrayNode emails = kept.putArray("emails");
        for (JsonNode email : array(body, "emails")) {
            if (!email.isTextual() || !EMAIL.matcher(email.asText()).matches()) {
                throw ApiException.badRequest("emails[" + emails.size() + "] must be an e-mail address, was "
                        + email);
            }
            emails.add(email.asText());
        }
        ArrayNode filters = kept.putArray("reportFilters");
        for (JsonNode filter : array(body, "reportFilters")) {
            String at = "reportFilters[" + filters.size() + "]";
            String field = filter.isObject() ? Json.text(filter, "filter") : null;
            String value = filter.isObject() ? Json.text(filter, "value") : null;
            if (field == null || !FILTERS.contains(field)) {
                throw ApiException.badRequest(at + ".filter must be one of " + String.join(", ", FILTERS) + ", was "
                        + (filter.isObject() ? filter.get("filter") : filter));
            }
            if (value == null || value.isEmpty()) {
                throw ApiException.badRequest(at + ".value is required (a non-empty string)");
            }
            ObjectNode copy = filters.addObject();
            copy.put("filter", field);
            copy.put("value", value);
        }
        ArrayNode contentTypes = kept.putArray("contentTypes");
        if (body.get("contentTypes") == null) {
            contentTypes.add("application/pdf"); // Dintero's documented example answer
        } else {
            List<String> seen = new ArrayList<>();
            for (JsonNode type : array(body, "contentTypes")) {
                if (!type.isTextual() || !CONTENT_TYPES.contains(type.asText())) {
                    throw ApiException.badRequest("contentTypes[" + seen.size() + "] must be one of "
                            + String.join(", ", CONTENT_TYPES) + ", was " + type);
                }
                if (!seen.contains(type.asText())) {
                    contentTypes.add(type.asText());
                }
                seen.add(type.asText());
            }
            if (seen.isEmpty()) {
                throw ApiException.badRequest("contentTypes must name at least one of "
                        + String.join(", ", CONTENT_TYPES));
            }
        }
        return kept;
    }

    private static String required(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw ApiException.badRequest(field + " is required");
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest(field + " must be a string, was " + node);
        }
        return node.asText();
    }

    private static String oneOf(JsonNode body, String field, List<String> allowed) {
        String value = required(body, field);
        if (!allowed.contains(value)) {
            throw ApiException.badRequest(field + " must be one of " + String.join(", ", allowed) + ", was " + value);
        }
        return value;
    }

    /** An optional array field: empty when absent or null, 400 when not an array. */
    private static JsonNode array(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Json.MAPPER.createArrayNode();
        }
        if (!node.isArray()) {
            throw ApiException.badRequest(field + " must be an array, was " + node);
        }
        return node;
    }
}
