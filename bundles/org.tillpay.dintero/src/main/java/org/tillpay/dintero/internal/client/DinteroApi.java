package org.tillpay.dintero.internal.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.tillpay.dintero.internal.config.Secret;
import org.tillpay.dintero.internal.config.StoreSettings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One store's typed view of Dintero: each method builds the request for its route and maps the answer. Every call
 * carries the store's bearer token; a 401 drops the token and the call is made once more with a new one.
 */
public final class DinteroApi {

    static final String SYSTEM_NAME = "Tillpay";
    static final String SYSTEM_VERSION = "0.1.0";

    private final StoreSettings settings;
    private final DinteroCamelHost host;
    private final AccessTokens tokens;
    /** The client secret in use: the configured one until a rotation hands over a new one. */
    private volatile Secret clientSecret;

    /**
     * @param settings the store's settings
     * @param host the Camel host that sends the calls
     * @param clock decides when tokens are renewed
     */
    public DinteroApi(StoreSettings settings, DinteroCamelHost host, Clock clock) {
        this.settings = settings;
        this.host = host;
        this.tokens = new AccessTokens(this::requestToken, clock);
        this.clientSecret = settings.clientSecret();
    }

    /**
     * Fetches a new token now, with the current secret, for its whole lifetime: done just before the client's secret is
     * rotated, so that calls go on with it while the old secret no longer works and the new one is not handed over yet.
     *
     * @return completes when the token is cached
     */
    public CompletableFuture<Void> renewToken() {
        return tokens.renew().thenAccept(token -> { });
    }

    /**
     * Hands over a rotated client secret: the next token is fetched with it. The cached token is kept (Dintero keeps
     * tokens valid when a secret is rotated), so no call waits.
     *
     * @param rotated the new secret
     */
    public void useClientSecret(Secret rotated) {
        this.clientSecret = java.util.Objects.requireNonNull(rotated, "rotated");
    }

    /**
     * Asks Dintero for a new token with the store's client, bypassing the cache (the cached token is kept): a health
     * check, so a revoked client or a rotated-away secret shows at once.
     *
     * @return completes when Dintero gave a token; exceptionally with Dintero's answer otherwise
     */
    public CompletableFuture<Void> checkCredentials() {
        return requestToken().thenAccept(response -> {
            if (response.body().path("access_token").asText("").isEmpty()) {
                throw new DinteroCallException(response.status(), null, "Dintero's token answer has no access_token",
                        null);
            }
        });
    }

    /**
     * @return the store's circuit breaker when it is not closed: its calls are refused without being sent, or only
     *         probes go through; for the store's health
     */
    public java.util.Optional<String> circuitBreakerWarning() {
        return host.breakerWarning(settings.storeId());
    }

    private CompletableFuture<DinteroResponse> requestToken() {
        String basic = Base64.getEncoder().encodeToString(
                (settings.clientId() + ":" + clientSecret.reveal()).getBytes(StandardCharsets.UTF_8));
        ObjectNode body = DinteroJson.MAPPER.createObjectNode()
                .put("grant_type", "client_credentials")
                .put("audience", settings.tokenAudience());
        String url = settings.apiBaseUrl() + "/v1/accounts/" + settings.accountId() + "/auth/token";
        return host.call(TokenRoutes.FETCH_TOKEN,
                new DinteroCall("POST", url, Map.of("Authorization", "Basic " + basic), body, settings.storeId()));
    }

    /**
     * Creates a checkout session from the store's profile ({@code POST /v1/sessions-profile}). Never retried.
     *
     * @param body the session request
     * @return the created session's id, link and publish statuses
     */
    public CompletableFuture<CreatedSession> createSession(JsonNode body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Dintero-Feature-Toggles", "strict-session-amounts");
        return withToken(SessionRoutes.CREATE_SESSION, "POST", settings.checkoutBaseUrl() + "/v1/sessions-profile",
                headers, body).thenApply(r -> CreatedSession.from(r.body()));
    }

    /**
     * Reads a session back ({@code GET /v1/sessions/{id}}).
     *
     * @param sessionId the session id
     * @return the session
     */
    public CompletableFuture<SessionView> getSession(String sessionId) {
        return withToken(SessionRoutes.GET_SESSION, "GET",
                settings.checkoutBaseUrl() + "/v1/sessions/" + encode(sessionId), Map.of(), null)
                .thenApply(SessionView::from);
    }

    /**
     * Cancels a session ({@code POST /v1/sessions/{id}/cancel}); Dintero voids its transaction if it is only
     * authorized, and refuses (400) once it is captured. Not retried.
     *
     * @param sessionId the session id
     * @return the cancelled session
     */
    public CompletableFuture<SessionView> cancelSession(String sessionId) {
        return withToken(SessionRoutes.CANCEL_SESSION, "POST",
                settings.checkoutBaseUrl() + "/v1/sessions/" + encode(sessionId) + "/cancel", Map.of(), null)
                .thenApply(SessionView::from);
    }

    /**
     * Reads a transaction back ({@code GET /v1/transactions/{id}}).
     *
     * @param transactionId the transaction id
     * @return the transaction
     */
    public CompletableFuture<TransactionView> getTransaction(String transactionId) {
        return withToken(TransactionRoutes.GET_TRANSACTION, "GET",
                settings.checkoutBaseUrl() + "/v1/transactions/" + encode(transactionId), Map.of(), null)
                .thenApply(r -> TransactionView.from(r.body()));
    }

    /**
     * Captures ({@code POST /v1/transactions/{id}/capture}). Never retried.
     *
     * @param transactionId the transaction
     * @param body {@code amount}, {@code capture_reference}, {@code items}
     * @return the answer (200 done, or 202 accepted)
     */
    public CompletableFuture<OperationAnswer> capture(String transactionId, JsonNode body) {
        return operation(TransactionRoutes.CAPTURE, transactionId, "capture", body);
    }

    /**
     * Refunds ({@code POST /v1/transactions/{id}/refund}). Never retried.
     *
     * @param transactionId the transaction
     * @param body {@code amount}, {@code refund_reference}, {@code reason}, {@code items}
     * @return the answer (200 done, or 202 accepted)
     */
    public CompletableFuture<OperationAnswer> refund(String transactionId, JsonNode body) {
        return operation(TransactionRoutes.REFUND, transactionId, "refund", body);
    }

    /**
     * Voids what is not captured ({@code POST /v1/transactions/{id}/void}). Never retried.
     *
     * @param transactionId the transaction
     * @return the answer (200 done, or 202 accepted)
     */
    public CompletableFuture<OperationAnswer> voidTransaction(String transactionId) {
        return operation(TransactionRoutes.VOID, transactionId, "void", null);
    }

    /**
     * Lists transactions ({@code GET /v1/transactions}), one page.
     *
     * @param query the query string without {@code ?}, already encoded
     * @return the transactions of the page
     */
    public CompletableFuture<java.util.List<TransactionView>> listTransactions(String query) {
        return withToken(TransactionRoutes.LIST_TRANSACTIONS, "GET", settings.checkoutBaseUrl() + "/v1/transactions?"
                + query, Map.of(), null).thenApply(r -> {
                    java.util.List<TransactionView> list = new java.util.ArrayList<>();
                    r.body().forEach(tx -> list.add(TransactionView.from(tx)));
                    return list;
                });
    }

    /**
     * Lists the account's settlements ({@code GET /v1/accounts/{aid}/settlements}), one page.
     *
     * @param query the query string without {@code ?} (filters and the page cursor), already encoded
     * @return the page: {@code items} and, when more follow, {@code last_evaluated_key}
     */
    public CompletableFuture<JsonNode> listSettlements(String query) {
        return withToken(SettlementRoutes.LIST_SETTLEMENTS, "GET", accountUrl("/settlements") + (query.isEmpty() ? ""
                : "?" + query), Map.of(), null).thenApply(DinteroResponse::body);
    }

    /**
     * Downloads a settlement's attachment ({@code GET .../settlements/{sid}/attachments/{attId}}).
     *
     * @param settlementId the settlement
     * @param attachmentId the attachment
     * @return the file
     */
    public CompletableFuture<DinteroFile> settlementAttachment(String settlementId, String attachmentId) {
        return tokens.get().thenCompose(token -> host.call(SettlementRoutes.GET_ATTACHMENT, new DinteroCall("GET",
                accountUrl("/settlements/" + encode(settlementId) + "/attachments/" + encode(attachmentId)),
                Map.of("Authorization", "Bearer " + token, "Dintero-System-Name", SYSTEM_NAME,
                        "Dintero-System-Version", SYSTEM_VERSION), null, settings.storeId()), DinteroFile.class));
    }

    /** @return the account's webhook subscriptions ({@code GET /v1/accounts/{aid}/hooks/subscriptions}) */
    public CompletableFuture<JsonNode> listHookSubscriptions() {
        return withToken(SettlementRoutes.LIST_HOOKS, "GET", accountUrl("/hooks/subscriptions"), Map.of(), null)
                .thenApply(DinteroResponse::body);
    }

    /**
     * Subscribes to webhooks ({@code POST /v1/accounts/{aid}/hooks/subscriptions}). Not retried.
     *
     * @param body the subscription: {@code config} (url, secret), {@code events}, {@code active}
     * @return the created subscription
     */
    public CompletableFuture<JsonNode> createHookSubscription(JsonNode body) {
        return withToken(SettlementRoutes.CREATE_HOOK, "POST", accountUrl("/hooks/subscriptions"), Map.of(), body)
                .thenApply(DinteroResponse::body);
    }

    /** @return the account's Insight report configurations ({@code GET .../insight/reports/configuration}) */
    public CompletableFuture<JsonNode> listInsightConfigurations() {
        return withToken(InsightRoutes.LIST_CONFIGURATIONS, "GET", accountUrl("/insight/reports/configuration"),
                Map.of(), null).thenApply(DinteroResponse::body);
    }

    /**
     * Creates ({@code POST}), updates ({@code PUT .../{id}}) or deletes ({@code DELETE .../{id}}) an Insight report
     * configuration. Not retried.
     *
     * @param method POST, PUT or DELETE
     * @param id the configuration's id, or null to create one
     * @param body the configuration, or null to delete
     * @return the configuration as Dintero answers it
     */
    public CompletableFuture<JsonNode> writeInsightConfiguration(String method, String id, JsonNode body) {
        return withToken(InsightRoutes.WRITE_CONFIGURATION, method, accountUrl("/insight/reports/configuration"
                + (id == null ? "" : "/" + encode(id))), Map.of(), body).thenApply(DinteroResponse::body);
    }

    /**
     * Lists generated reports, newest first ({@code GET .../reports/metadata}), one page.
     *
     * @param startingAfter the previous page's {@code starting_after} token, or null for the first page
     * @return the page: {@code reports} and, when more follow, {@code starting_after}
     */
    public CompletableFuture<JsonNode> listReports(String startingAfter) {
        return withToken(InsightRoutes.LIST_REPORTS, "GET", accountUrl("/reports/metadata?limit=100"
                + (startingAfter == null ? "" : "&starting_after=" + encode(startingAfter))), Map.of(), null)
                .thenApply(DinteroResponse::body);
    }

    /**
     * Downloads a generated report through its {@code signed_url}, without the bearer token.
     *
     * @param signedUrl the report's signed URL (HTTPS, or HTTP on loopback as every Dintero URL here)
     * @return the file
     */
    public CompletableFuture<DinteroFile> downloadReport(String signedUrl) {
        return host.call(InsightRoutes.DOWNLOAD_REPORT, new DinteroCall("GET", signedUrl, Map.of(
                "Dintero-System-Name", SYSTEM_NAME, "Dintero-System-Version", SYSTEM_VERSION), null,
                settings.storeId()), DinteroFile.class);
    }

    /**
     * Reads the account's payment profiles ({@code GET /v1/admin/session/profiles<suffix>}).
     *
     * @param suffix {@code ?limit=..} for the list, or {@code /<profile id>} for one
     * @return the answer's body
     */
    public CompletableFuture<JsonNode> readProfiles(String suffix) {
        return withToken(PartnerRoutes.READ, "GET", settings.checkoutBaseUrl() + "/v1/admin/session/profiles"
                + suffix, Map.of(), null).thenApply(DinteroResponse::body);
    }

    /**
     * Creates ({@code POST}) or replaces ({@code PUT /<profile id>}) a payment profile. Not retried.
     *
     * @return the profile as Dintero keeps it
     */
    public CompletableFuture<JsonNode> writeProfile(String method, String suffix, JsonNode body) {
        return withToken(PartnerRoutes.WRITE, method, settings.checkoutBaseUrl() + "/v1/admin/session/profiles"
                + suffix, Map.of(), body).thenApply(DinteroResponse::body);
    }

    private String accountUrl(String path) {
        return settings.apiBaseUrl() + "/v1/accounts/" + settings.accountId() + path;
    }

    private CompletableFuture<OperationAnswer> operation(String route, String transactionId, String operation,
            JsonNode body) {
        return withToken(route, "POST", settings.checkoutBaseUrl() + "/v1/transactions/" + encode(transactionId) + "/"
                + operation, Map.of(), body).thenApply(OperationAnswer::from);
    }

    private CompletableFuture<DinteroResponse> withToken(String route, String method, String url,
            Map<String, String> headers, JsonNode body) {
        return tokens.get().thenCompose(token -> send(route, method, url, headers, body, token)
                .exceptionallyCompose(retryOnceOn401(token, route, method, url, headers, body)));
    }

    private Function<Throwable, CompletableFuture<DinteroResponse>> retryOnceOn401(String refused, String route,
            String method, String url, Map<String, String> headers, JsonNode body) {
        return failure -> {
            Throwable cause = Completions.cause(failure);
            if (cause instanceof DinteroCallException call && call.status() == 401) {
                tokens.invalidate(refused);
                return tokens.get().thenCompose(token -> send(route, method, url, headers, body, token));
            }
            return CompletableFuture.failedFuture(cause);
        };
    }

    private CompletableFuture<DinteroResponse> send(String route, String method, String url,
            Map<String, String> extraHeaders, JsonNode body, String token) {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        headers.put("Authorization", "Bearer " + token);
        headers.put("Dintero-System-Name", SYSTEM_NAME);
        headers.put("Dintero-System-Version", SYSTEM_VERSION);
        return host.call(route, new DinteroCall(method, url, headers, body, settings.storeId()));
    }

    private static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
