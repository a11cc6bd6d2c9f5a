package org.tillpay.dintero.emulator.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The OAuth2 client-credentials token endpoint, the Partner API's exchange tokens and bearer-token checks. Tokens are
 * opaque and never logged. Three ways to a token at {@code POST /v1/accounts/{aid}/auth/token}: Basic auth with the
 * account's configured client, Basic auth with an API client created through {@code .../auth/clients} (only with a
 * grant for the requested audience, {@link ApiClients}), or Bearer with an exchange token issued for {@code aid}
 * (API.md &sect;11.3; audience the merchant's or the partner's account URL).
 */
final class TokenService {

    /** The audience a client of account {@code aid} must ask for. */
    static final String AUDIENCE_PREFIX = "https://api.dintero.com/v1/accounts/";

    private static final Logger LOG = LoggerFactory.getLogger(TokenService.class);

    /** What a token is for. */
    enum Kind {
        /** An access token for the account's APIs. */
        ACCESS,
        /** A partner's exchange token: only good at the merchant's {@code auth/token}. */
        EXCHANGE
    }

    /**
     * An issued token.
     *
     * @param accountId the account it is for
     * @param clientId the client it was issued to
     * @param apiClientId the created API client's id (UUID), null for configured clients and exchanges
     * @param scopes the scopes, null for the account's configured scopes
     * @param kind what it is for
     * @param expiresAt when it expires
     */
    record Issued(String accountId, String clientId, String apiClientId, List<String> scopes, Kind kind,
            Instant expiresAt) {
        @Override
        public String toString() {
            return "Issued[accountId=" + accountId + ", kind=" + kind + ", expiresAt=" + expiresAt + "]";
        }
    }

    private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requestCounts = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Clock clock;

    TokenService(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    /**
     * Handles {@code POST /v1/accounts/{aid}/auth/token}.
     *
     * @param accountId the {@code aid} path segment
     * @param authorization the Authorization header, may be null
     * @param body the raw request body
     * @param accounts looks up configured accounts
     * @param clients the API clients created through the API
     * @return the AccessToken response
     */
    ObjectNode issue(String accountId, String authorization, byte[] body, Function<String, Account> accounts,
            ApiClients clients) {
        requestCounts.computeIfAbsent(accountId, a -> new AtomicInteger()).incrementAndGet();
        if (accountId.startsWith("P")) {
            throw new ApiException(403, "FORBIDDEN",
                    "production accounts are not served by the emulator; use a test account (T + 8 digits)");
        }
        Account account = accounts.apply(accountId);
        if (account != null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return exchanged(account, authorization, Json.parse(body));
        }
        String[] credentials = basicCredentials(authorization);
        ApiClients.Client created = null;
        if (account == null || credentials == null || !(account.clientId().equals(credentials[0])
                && constantTimeEquals(account.clientSecret(), credentials[1]))) {
            created = account == null || credentials == null ? null
                    : clients.authenticate(accountId, credentials[0], credentials[1]);
            if (created == null) {
                LOG.info("Token refused for account {}: bad client credentials", accountId);
                throw ApiException.unauthorized("invalid client credentials");
            }
        }
        JsonNode request = Json.parse(body);
        String audience = checkGrantAndAudience(request, accountId, List.of(AUDIENCE_PREFIX + accountId));
        List<String> scopes = null;
        if (created != null) {
            scopes = clients.grantedScopes(accountId, created.id, audience);
            if (scopes == null) {
                LOG.info("Token refused for account {} client {}: no grant for audience {}", accountId,
                        created.clientId, audience);
                throw new ApiException(403, "FORBIDDEN", "the client has no client_credentials grant for audience "
                        + audience);
            }
        }
        String clientId = created == null ? account.clientId() : created.clientId;
        return put(new Issued(accountId, clientId, created == null ? null : created.id, scopes, Kind.ACCESS,
                clock.instant().plus(ttl)));
    }

    /** The merchant token for a partner's exchange token (API.md &sect;11.3). */
    private ObjectNode exchanged(Account merchant, String authorization, JsonNode request) {
        Issued exchange = check(authorization);
        if (exchange.kind() != Kind.EXCHANGE || !exchange.accountId().equals(merchant.accountId())) {
            throw ApiException.unauthorized("a bearer token here must be an exchange token for account "
                    + merchant.accountId());
        }
        checkGrantAndAudience(request, merchant.accountId(), merchant.partnerId().isEmpty()
                ? List.of(AUDIENCE_PREFIX + merchant.accountId())
                : List.of(AUDIENCE_PREFIX + merchant.accountId(), AUDIENCE_PREFIX + merchant.partnerId()));
        return put(new Issued(merchant.accountId(), exchange.clientId(), null, List.of(), Kind.ACCESS,
                clock.instant().plus(ttl)));
    }

    /**
     * Issues an exchange token for a partner acting for one of its merchants; the caller checked the link.
     *
     * @param merchantId the merchant account
     * @param partnerClientId the partner's client
     * @return the AccessToken response
     */
    ObjectNode exchange(String merchantId, String partnerClientId) {
        return put(new Issued(merchantId, partnerClientId, null, List.of(), Kind.EXCHANGE,
                clock.instant().plus(ttl)));
    }

    private static String checkGrantAndAudience(JsonNode request, String accountId, List<String> audiences) {
        if (!"client_credentials".equals(Json.text(request, "grant_type"))) {
            throw ApiException.badRequest("grant_type must be client_credentials");
        }
        String audience = Json.text(request, "audience");
        if (!audiences.contains(audience)) {
            throw ApiException.badRequest("audience must be " + String.join(" or ", audiences));
        }
        return audience;
    }

    private ObjectNode put(Issued issued) {
        String token = Ids.token();
        tokens.put(token, issued);
        purgeExpired();
        LOG.debug("Issued {} token for account {} client {}", issued.kind(), issued.accountId(), issued.clientId());
        ObjectNode response = Json.object();
        response.put("access_token", token);
        response.put("token_type", "Bearer");
        response.put("expires_in", ttl.getSeconds());
        return response;
    }

    /**
     * Checks a bearer token.
     *
     * @param authorization the Authorization header, may be null
     * @return what the token was issued for (access or exchange)
     * @throws ApiException 401 when missing, unknown or expired
     */
    Issued check(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiException.unauthorized("missing bearer token");
        }
        Issued issued = tokens.get(authorization.substring(7).trim());
        if (issued == null) {
            throw ApiException.unauthorized("invalid token");
        }
        if (!clock.instant().isBefore(issued.expiresAt())) {
            tokens.values().remove(issued);
            throw ApiException.unauthorized("token expired");
        }
        return issued;
    }

    /**
     * The account a bearer token was issued to, without checking it or changing anything (an expired token is not
     * forgotten here): for telling which account a request is for before it is served ({@link HttpFaults}).
     *
     * @param authorization the Authorization header, may be null
     * @return the account id, or null when the header holds no token this service issued
     */
    String accountOf(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        Issued issued = tokens.get(authorization.substring(7).trim());
        return issued == null ? null : issued.accountId();
    }

    /**
     * Checks a bearer access token (exchange tokens are refused).
     *
     * @param authorization the Authorization header, may be null
     * @return the token's grant
     * @throws ApiException 401 when missing, unknown, expired or an exchange token
     */
    Issued authenticate(String authorization) {
        Issued issued = check(authorization);
        if (issued.kind() != Kind.ACCESS) {
            throw ApiException.unauthorized("an exchange token is only accepted by POST /v1/accounts/"
                    + issued.accountId() + "/auth/token");
        }
        return issued;
    }

    int requests(String accountId) {
        AtomicInteger count = requestCounts.get(accountId);
        return count == null ? 0 : count.get();
    }

    /** Forgets the tokens of an account that was removed. */
    void revoke(String accountId) {
        tokens.values().removeIf(t -> t.accountId().equals(accountId));
    }

    /** Forgets the tokens issued to a created API client that was deleted. */
    void revokeApiClient(String apiClientId) {
        tokens.values().removeIf(t -> apiClientId.equals(t.apiClientId()));
    }

    private void purgeExpired() {
        Instant now = clock.instant();
        tokens.values().removeIf(t -> !now.isBefore(t.expiresAt()));
    }

    private static String[] basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    private static boolean constantTimeEquals(String expected, String actual) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                actual.getBytes(StandardCharsets.UTF_8));
    }
}
