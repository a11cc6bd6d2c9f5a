package org.tillpay.dintero.emulator.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The OAuth2 client-credentials token endpoint and bearer-token checks. Tokens are opaque and never logged. */
final class TokenService {

    /** The audience a client of account {@code aid} must ask for. */
    static final String AUDIENCE_PREFIX = "https://api.dintero.com/v1/accounts/";

    private static final Logger LOG = LoggerFactory.getLogger(TokenService.class);

    private record IssuedToken(String accountId, String clientId, Instant expiresAt) {
        @Override
        public String toString() {
            return "IssuedToken[accountId=" + accountId + ", expiresAt=" + expiresAt + "]";
        }
    }

    private final Map<String, IssuedToken> tokens = new ConcurrentHashMap<>();
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
     * @return the AccessToken response
     */
    ObjectNode issue(String accountId, String authorization, byte[] body, Function<String, Account> accounts) {
        requestCounts.computeIfAbsent(accountId, a -> new AtomicInteger()).incrementAndGet();
        if (accountId.startsWith("P")) {
            throw new ApiException(403, "FORBIDDEN",
                    "production accounts are not served by the emulator; use a test account (T + 8 digits)");
        }
        Account account = accounts.apply(accountId);
        String[] credentials = basicCredentials(authorization);
        if (account == null || credentials == null || !account.clientId().equals(credentials[0])
                || !constantTimeEquals(account.clientSecret(), credentials[1])) {
            LOG.info("Token refused for account {}: bad client credentials", accountId);
            throw ApiException.unauthorized("invalid client credentials");
        }
        JsonNode request = Json.parse(body);
        String grantType = Json.text(request, "grant_type");
        if (!"client_credentials".equals(grantType)) {
            throw ApiException.badRequest("grant_type must be client_credentials");
        }
        String audience = Json.text(request, "audience");
        if (!(AUDIENCE_PREFIX + accountId).equals(audience)) {
            throw ApiException.badRequest("audience must be " + AUDIENCE_PREFIX + accountId);
        }
        String token = Ids.token();
        tokens.put(token, new IssuedToken(accountId, account.clientId(), clock.instant().plus(ttl)));
        purgeExpired();
        LOG.debug("Issued token for account {} client {}", accountId, account.clientId());
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
     * @return the account id and client id the token was issued to
     * @throws ApiException 401 when missing, unknown or expired
     */
    String[] authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiException.unauthorized("missing bearer token");
        }
        IssuedToken issued = tokens.get(authorization.substring(7).trim());
        if (issued == null) {
            throw ApiException.unauthorized("invalid token");
        }
        if (!clock.instant().isBefore(issued.expiresAt())) {
            tokens.values().remove(issued);
            throw ApiException.unauthorized("token expired");
        }
        return new String[] {issued.accountId(), issued.clientId()};
    }

    int requests(String accountId) {
        AtomicInteger count = requestCounts.get(accountId);
        return count == null ? 0 : count.get();
    }

    /** Forgets the tokens of an account that was removed. */
    void revoke(String accountId) {
        tokens.values().removeIf(t -> t.accountId().equals(accountId));
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
