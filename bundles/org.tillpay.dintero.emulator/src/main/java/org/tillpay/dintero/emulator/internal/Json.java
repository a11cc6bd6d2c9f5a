package org.tillpay.dintero.emulator.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The emulator's one Jackson mapper and small JSON helpers. */
public final class Json {

    /** Shared, thread-safe mapper; rejects duplicate keys and trailing garbage in requests. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private Json() {
    }

    /** @return a new empty object */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /**
     * Parses a request body.
     *
     * @param body the raw body
     * @return the parsed JSON
     * @throws ApiException 400 when the body is not valid JSON
     */
    public static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw ApiException.badRequest("request body is empty");
        }
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("request body is not valid JSON");
        }
    }

    /**
     * Serialises JSON.
     *
     * @param node the JSON
     * @return compact text
     */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise JSON", e);
        }
    }

    /**
     * The text at a path, or null when absent or not textual.
     *
     * @param node the root
     * @param path field names
     * @return the text or null
     */
    public static String text(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        return n != null && n.isTextual() ? n.asText() : null;
    }

    /**
     * The node at a path of field names, or null when any step is missing.
     *
     * @param node the root
     * @param path field names
     * @return the node or null
     */
    public static JsonNode at(JsonNode node, String... path) {
        JsonNode n = node;
        for (String p : path) {
            if (n == null || !n.isObject()) {
                return null;
            }
            n = n.get(p);
        }
        return n == null || n.isNull() || n.isMissingNode() ? null : n;
    }

    /**
     * Converts JSON into immutable nested maps and lists ({@code null} values kept).
     *
     * @param node an object node
     * @return an unmodifiable map
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> toFrozenMap(JsonNode node) {
        return (Map<String, Object>) freeze(MAPPER.convertValue(node, Object.class));
    }

    @SuppressWarnings("unchecked")
    private static Object freeze(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, freeze(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(freeze(v)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
