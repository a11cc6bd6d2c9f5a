package org.tillpay.dintero.emulator.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Payment profiles per account (API.md &sect;11.7), {@code /v1/admin/session/profiles[/{profile_id}]} on the checkout
 * host. The account's configured {@code profile.ids} are seeded as profiles with an empty {@code configuration}
 * ({@code created_by} {@code "emulator-configuration"}), so listing, GET-then-PUT and deleting work on them too. A
 * session names one with {@code profile_id}; {@link #apply(String, JsonNode)} lays the session's own
 * {@code configuration} over the profile's. Thread-safe (this object's monitor).
 */
final class SessionProfiles {

    static final String CONFIGURED = "emulator-configuration";

    private final Clock clock;
    /** account id, then profile id, in creation order. */
    private final Map<String, Map<String, ObjectNode>> profiles = new LinkedHashMap<>();

    SessionProfiles(Clock clock) {
        this.clock = clock;
    }

    /** Seeds an account's configured profile ids (existing ones are kept). */
    synchronized void seed(Account account) {
        Map<String, ObjectNode> own = profiles.computeIfAbsent(account.accountId(), a -> new LinkedHashMap<>());
        for (String id : account.profileIds()) {
            if (!own.containsKey(id)) {
                ObjectNode p = Json.object();
                p.put("profile_id", id);
                p.put("description", "configured in the emulator (profile.ids)");
                p.putObject("configuration");
                stamp(p, CONFIGURED, true);
                own.put(id, p);
            }
        }
    }

    /** @return whether the account has the profile */
    synchronized boolean exists(String accountId, String profileId) {
        return profiles.getOrDefault(accountId, Map.of()).containsKey(profileId);
    }

    /**
     * The session body with the profile's configuration under its own: the session's {@code configuration} keys
     * override the profile's, object by object.
     *
     * @param accountId the account
     * @param body the validated session request
     * @return the body to store (a copy when changed)
     */
    synchronized JsonNode apply(String accountId, JsonNode body) {
        ObjectNode profile = profiles.getOrDefault(accountId, Map.of()).get(Json.text(body, "profile_id"));
        if (profile == null || profile.path("configuration").isEmpty()) {
            return body;
        }
        ObjectNode merged = profile.get("configuration").deepCopy();
        JsonNode own = body.get("configuration");
        if (own != null && own.isObject()) {
            merge(merged, (ObjectNode) own);
        }
        ObjectNode copy = ((ObjectNode) body).deepCopy();
        copy.set("configuration", merged);
        return copy;
    }

    /** {@code GET ...?limit=&starting_after=}: a bare array, oldest first. */
    synchronized ArrayNode list(String accountId, List<Map.Entry<String, String>> query) {
        int limit = QueryString.limit(query, 10, 100);
        String after = QueryString.value(query, "starting_after");
        List<ObjectNode> all = new ArrayList<>(profiles.getOrDefault(accountId, Map.of()).values());
        int from = 0;
        if (after != null) {
            from = -1;
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).path("profile_id").asText().equals(after)) {
                    from = i + 1;
                }
            }
            if (from < 0) {
                throw ApiException.badRequest("starting_after " + after + " names no profile of account "
                        + accountId);
            }
        }
        ArrayNode page = Json.MAPPER.createArrayNode();
        all.stream().skip(from).limit(limit).forEach(p -> page.add(p.deepCopy()));
        return page;
    }

    /** {@code POST}: 409 when the id exists. */
    synchronized ObjectNode create(String accountId, String createdBy, byte[] raw) {
        ObjectNode body = body(raw);
        String id = Json.text(body, "profile_id");
        if (id == null) {
            id = "P" + Ids.uuid().replace("-", "").substring(0, 16);
        } else if (id.isEmpty() || !id.equals(id.strip()) || id.contains("/")) {
            throw ApiException.badRequest("profile_id must be non-empty, without leading or trailing spaces or '/'");
        }
        Map<String, ObjectNode> own = profiles.computeIfAbsent(accountId, a -> new LinkedHashMap<>());
        if (own.containsKey(id)) {
            throw new ApiException(409, "CONFLICT", "profile_id " + id + " exists; update it with PUT");
        }
        body.put("profile_id", id);
        stamp(body, createdBy, true);
        own.put(id, body);
        return body.deepCopy();
    }

    synchronized ObjectNode get(String accountId, String profileId) {
        return profile(accountId, profileId).deepCopy();
    }

    /** {@code PUT}: replaces description, configuration, merchant and url; the id stays. */
    synchronized ObjectNode replace(String accountId, String profileId, byte[] raw) {
        ObjectNode old = profile(accountId, profileId);
        ObjectNode body = body(raw);
        String id = Json.text(body, "profile_id");
        if (id != null && !id.equals(profileId)) {
            throw ApiException.badRequest("profile_id " + id + " does not match the path's " + profileId);
        }
        body.put("profile_id", profileId);
        body.put("created_at", old.path("created_at").asText());
        body.put("created_by", old.path("created_by").asText());
        stamp(body, null, false);
        profiles.get(accountId).put(profileId, body);
        return body.deepCopy();
    }

    /** {@code DELETE}: the deleted profile; sessions can no longer use it. */
    synchronized ObjectNode delete(String accountId, String profileId) {
        ObjectNode gone = profiles.get(accountId) == null ? null : profiles.get(accountId).remove(profileId);
        if (gone == null) {
            throw ApiException.notFound("profile " + profileId + " not found");
        }
        gone.put("deleted_at", Ids.iso(clock.instant()));
        return gone;
    }

    synchronized List<Map<String, Object>> views(String accountId) {
        return profiles.getOrDefault(accountId, Map.of()).values().stream().map(Json::toFrozenMap).toList();
    }

    private ObjectNode profile(String accountId, String profileId) {
        ObjectNode p = profiles.getOrDefault(accountId, Map.of()).get(profileId);
        if (p == null) {
            throw ApiException.notFound("profile " + profileId + " not found");
        }
        return p;
    }

    private static ObjectNode body(byte[] raw) {
        JsonNode body = Json.parse(raw);
        if (!body.isObject()) {
            throw ApiException.badRequest("request body must be a JSON object");
        }
        JsonNode configuration = body.get("configuration");
        if (configuration == null || configuration.isNull()) {
            throw ApiException.badRequest("configuration is required");
        }
        if (!configuration.isObject()) {
            throw ApiException.badRequest("configuration must be an object");
        }
        ObjectNode copy = Json.object();
        for (String field : List.of("profile_id", "description", "configuration", "merchant", "url")) {
            if (body.has(field)) {
                copy.set(field, body.get(field).deepCopy());
            }
        }
        return copy;
    }

    private void stamp(ObjectNode p, String createdBy, boolean created) {
        String now = Ids.iso(clock.instant());
        if (created) {
            p.put("created_at", now);
            p.put("created_by", Objects.requireNonNull(createdBy));
        }
        p.put("updated_at", now);
    }

    private static void merge(ObjectNode target, ObjectNode over) {
        over.fields().forEachRemaining(e -> {
            JsonNode existing = target.get(e.getKey());
            if (existing != null && existing.isObject() && e.getValue().isObject()) {
                merge((ObjectNode) existing, (ObjectNode) e.getValue());
            } else {
                target.set(e.getKey(), e.getValue().deepCopy());
            }
        });
    }
}
