package org.tillpay.dintero.emulator.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * API clients and their grants created through the Partner API (API.md &sect;11.5, &sect;11.6):
 * {@code /v1/accounts/{aid}/auth/clients[/{id}[/rotate-secret]]} and {@code /v1/accounts/{aid}/auth/client-grants}.
 * A client's secret is shown only when created or rotated; a rotated secret replaces the old one at once. Deleting a
 * client deletes its grants. Thread-safe (this object's monitor).
 */
final class ApiClients {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern SCOPE = Pattern.compile("[a-z_]+:[a-z_:/]+");
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A created API client; {@link #secret} is never shown after creation or rotation. */
    static final class Client {
        final String id;
        final String accountId;
        final String clientId;
        final String name;
        final String description;
        final String createdAt;
        String secret;

        Client(String id, String accountId, String clientId, String name, String description, String createdAt) {
            this.id = id;
            this.accountId = accountId;
            this.clientId = clientId;
            this.name = name;
            this.description = description;
            this.createdAt = createdAt;
        }

        ObjectNode view() {
            ObjectNode o = Json.object();
            o.put("id", id);
            o.put("client_id", clientId);
            o.put("name", name);
            if (description != null) {
                o.put("description", description);
            }
            o.put("created_at", createdAt);
            return o;
        }

        @Override
        public String toString() {
            return "Client[id=" + id + ", accountId=" + accountId + ", clientId=" + clientId + "]";
        }
    }

    private record Grant(String id, String accountId, String clientUuid, String audience, List<String> scope,
            String type, String createdAt) {
        ObjectNode view() {
            ObjectNode o = Json.object();
            o.put("id", id);
            o.put("client_id", clientUuid);
            o.put("audience", audience);
            ArrayNode scopes = o.putArray("scope");
            scope.forEach(scopes::add);
            if (type != null) {
                o.put("type", type);
            }
            o.put("created_at", createdAt);
            return o;
        }
    }

    private final Clock clock;
    private final Map<String, Client> clients = new LinkedHashMap<>();
    private final Map<String, Grant> grants = new LinkedHashMap<>();

    ApiClients(Clock clock) {
        this.clock = clock;
    }

    /** {@code POST .../auth/clients}: the client with its {@code client_secret}, shown only here. */
    synchronized ObjectNode create(String accountId, byte[] body) {
        JsonNode request = Json.parse(body);
        if (!request.isObject()) {
            throw ApiException.badRequest("request body must be a JSON object");
        }
        String name = Json.text(request, "name");
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest("name is required");
        }
        String clientId = Json.text(request, "client_id");
        if (clientId == null) {
            clientId = random(32);
        } else if (clientId.isBlank() || clientId.contains(":")) {
            throw ApiException.badRequest("client_id must be non-blank and must not contain ':'");
        }
        String wanted = clientId;
        if (clients.values().stream().anyMatch(c -> c.accountId.equals(accountId) && c.clientId.equals(wanted))) {
            throw new ApiException(409, "CONFLICT", "client_id " + clientId + " exists");
        }
        Client client = new Client(Ids.uuid(), accountId, clientId, name, Json.text(request, "description"),
                Ids.iso(clock.instant()));
        client.secret = random(48);
        clients.put(client.id, client);
        return withSecret(client);
    }

    synchronized ArrayNode list(String accountId) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        own(accountId).forEach(c -> list.add(c.view()));
        return list;
    }

    synchronized ObjectNode get(String accountId, String id) {
        return client(accountId, id).view();
    }

    /** {@code POST .../auth/clients/{id}/rotate-secret}: a new secret, shown only here; the old one stops working. */
    synchronized ObjectNode rotate(String accountId, String id) {
        Client client = client(accountId, id);
        client.secret = random(48);
        return withSecret(client);
    }

    /**
     * Deletes a client and its grants.
     *
     * @return the deleted client's view
     */
    synchronized ObjectNode delete(String accountId, String id) {
        Client client = client(accountId, id);
        clients.remove(client.id);
        grants.values().removeIf(g -> g.clientUuid().equals(client.id));
        return client.view();
    }

    /**
     * Finds a client by its id (UUID) or its {@code client_id}, for the control API.
     *
     * @return the client's id (UUID)
     * @throws java.util.NoSuchElementException when the account has no such client
     */
    synchronized String resolve(String accountId, String idOrClientId) {
        return own(accountId).stream().filter(c -> c.id.equals(idOrClientId) || c.clientId.equals(idOrClientId))
                .findFirst().orElseThrow(() -> new java.util.NoSuchElementException("account " + accountId
                        + " has no API client " + idOrClientId)).id;
    }

    /** @return the live client with these credentials, null when none */
    synchronized Client authenticate(String accountId, String clientId, String secret) {
        for (Client c : own(accountId)) {
            if (c.clientId.equals(clientId) && MessageDigest.isEqual(c.secret.getBytes(StandardCharsets.UTF_8),
                    secret.getBytes(StandardCharsets.UTF_8))) {
                return c;
            }
        }
        return null;
    }

    /** @return the scopes of the client's client_credentials grants for the audience, null when it has none */
    synchronized List<String> grantedScopes(String accountId, String clientUuid, String audience) {
        List<String> scopes = new ArrayList<>();
        boolean granted = false;
        for (Grant g : grants.values()) {
            if (g.accountId().equals(accountId) && g.clientUuid().equals(clientUuid)
                    && g.audience().equals(audience) && (g.type() == null || "client_credentials".equals(g.type()))) {
                granted = true;
                g.scope().stream().filter(s -> !scopes.contains(s)).forEach(scopes::add);
            }
        }
        return granted ? List.copyOf(scopes) : null;
    }

    /** {@code POST .../auth/client-grants}. */
    synchronized ObjectNode grant(String accountId, byte[] body) {
        JsonNode request = Json.parse(body);
        if (!request.isObject()) {
            throw ApiException.badRequest("request body must be a JSON object");
        }
        String clientUuid = Json.text(request, "client_id");
        if (clientUuid == null) {
            throw ApiException.badRequest("client_id is required (the API client's id, a UUID)");
        }
        if (own(accountId).stream().anyMatch(c -> c.clientId.equals(clientUuid) && !c.id.equals(clientUuid))) {
            throw ApiException.badRequest("client_id must be the API client's id (a UUID), not its client_id "
                    + "string");
        }
        if (!UUID.matcher(clientUuid).matches() || !clients.containsKey(clientUuid)
                || !clients.get(clientUuid).accountId.equals(accountId)) {
            throw ApiException.badRequest("client_id " + clientUuid + " names no API client of account "
                    + accountId);
        }
        String audience = Json.text(request, "audience");
        if (audience == null || !audience.startsWith("https://")) {
            throw ApiException.badRequest("audience is required, for example " + TokenService.AUDIENCE_PREFIX
                    + accountId);
        }
        List<String> scope = new ArrayList<>();
        JsonNode scopes = request.get("scope");
        if (scopes != null && !scopes.isNull()) {
            if (!scopes.isArray()) {
                throw ApiException.badRequest("scope must be an array of scopes such as admin:checkout");
            }
            for (JsonNode s : scopes) {
                if (!s.isTextual() || !SCOPE.matcher(s.asText()).matches()) {
                    throw ApiException.badRequest("scope[" + scope.size() + "] must be a scope such as admin:checkout");
                }
                scope.add(s.asText());
            }
        }
        String type = Json.text(request, "type");
        if (type != null && !"client_credentials".equals(type) && !"authorization_code".equals(type)
                && !"password".equals(type)) {
            throw ApiException.badRequest("type must be client_credentials, authorization_code or password");
        }
        Grant grant = new Grant(Ids.uuid(), accountId, clientUuid, audience, List.copyOf(scope), type,
                Ids.iso(clock.instant()));
        grants.put(grant.id(), grant);
        return grant.view();
    }

    /** {@code GET .../auth/client-grants?client_id=&audience=}. */
    synchronized ArrayNode grants(String accountId, String clientUuid, String audience) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        grants.values().stream().filter(g -> g.accountId().equals(accountId))
                .filter(g -> clientUuid == null || g.clientUuid().equals(clientUuid))
                .filter(g -> audience == null || g.audience().equals(audience)).forEach(g -> list.add(g.view()));
        return list;
    }

    /** {@code DELETE .../auth/client-grants/{id}}: the deleted grant. */
    synchronized ObjectNode deleteGrant(String accountId, String id) {
        Grant grant = grants.get(id);
        if (grant == null || !grant.accountId().equals(accountId)) {
            throw ApiException.notFound("client grant " + id + " not found");
        }
        grants.remove(id);
        return grant.view();
    }

    private List<Client> own(String accountId) {
        return clients.values().stream().filter(c -> c.accountId.equals(accountId)).toList();
    }

    private Client client(String accountId, String id) {
        Client client = clients.get(id);
        if (client == null || !client.accountId.equals(accountId)) {
            throw ApiException.notFound("API client " + id + " not found");
        }
        return client;
    }

    private static ObjectNode withSecret(Client client) {
        ObjectNode view = client.view();
        view.put("client_secret", client.secret);
        return view;
    }

    private static String random(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
