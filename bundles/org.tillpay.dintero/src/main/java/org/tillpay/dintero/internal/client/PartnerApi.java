package org.tillpay.dintero.internal.client;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.tillpay.dintero.internal.config.PartnerSettings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Dintero partner's view of Dintero (API.md &sect;11, FLOWS.md (f)): its own token (cached like a store's), a token
 * for one of its merchants (exchange token, then merchant token, for one onboarding run), and reads and writes on the
 * merchant's account with that token. Tokens are credentials: never logged, never in a message.
 */
public final class PartnerApi {

    private final PartnerSettings settings;
    private final DinteroCamelHost host;
    private final AccessTokens partnerTokens;

    /**
     * @param settings the partner's settings
     * @param host the Camel host that sends the calls
     * @param clock decides when the partner token is renewed
     */
    public PartnerApi(PartnerSettings settings, DinteroCamelHost host, Clock clock) {
        this.settings = settings;
        this.host = host;
        this.partnerTokens = new AccessTokens(this::requestPartnerToken, clock);
    }

    private CompletableFuture<DinteroResponse> requestPartnerToken() {
        String basic = Base64.getEncoder().encodeToString(
                (settings.clientId() + ":" + settings.clientSecret().reveal()).getBytes(StandardCharsets.UTF_8));
        ObjectNode body = DinteroJson.MAPPER.createObjectNode().put("grant_type", "client_credentials")
                .put("audience", PartnerSettings.accountAudience(settings.partnerId()));
        return host.call(TokenRoutes.FETCH_TOKEN, new DinteroCall("POST", accountUrl(settings.partnerId(),
                "/auth/token"), Map.of("Authorization", "Basic " + basic), body, "partner " + settings.partnerId()));
    }

    /**
     * Gets a token for one of the partner's merchants: the partner token is exchanged for the merchant account
     * ({@code POST .../{partner}/auth/exchange_token}), and that for a merchant token
     * ({@code POST .../{merchant}/auth/token}). Both are token requests, retried on transient failures.
     *
     * @param merchantId the merchant's account id
     * @return completes with the merchant token; exceptionally with a {@link DinteroCallException} (403: the merchant
     *         has not chosen this partner, or its onboarding is not finished)
     */
    public CompletableFuture<String> merchantToken(String merchantId) {
        return partnerTokens.get().thenCompose(partnerToken -> host.call(TokenRoutes.FETCH_TOKEN, new DinteroCall("POST",
                accountUrl(settings.partnerId(), "/auth/exchange_token"), bearer(partnerToken),
                DinteroJson.MAPPER.createObjectNode().put("account_id", merchantId), merchantId)))
                .thenCompose(exchanged -> host.call(TokenRoutes.FETCH_TOKEN, new DinteroCall("POST",
                        accountUrl(merchantId, "/auth/token"), bearer(token(exchanged)),
                        DinteroJson.MAPPER.createObjectNode().put("grant_type", "client_credentials")
                                .put("audience", PartnerSettings.accountAudience(settings.merchantAudienceIsPartner()
                                        ? settings.partnerId() : merchantId)), merchantId)))
                .thenApply(PartnerApi::token);
    }

    /**
     * Reads from a merchant's account on the core API ({@code api.base.url}{@code /v1/accounts/{aid}<path>}).
     *
     * @param merchantId the merchant
     * @param token its merchant token
     * @param path below the account, e.g. {@code /management/settings}
     * @return the answer's body
     */
    public CompletableFuture<JsonNode> read(String merchantId, String token, String path) {
        return host.call(PartnerRoutes.READ, new DinteroCall("GET", accountUrl(merchantId, path), bearer(token), null,
                merchantId)).thenApply(DinteroResponse::body);
    }

    /**
     * Writes to a merchant's account on the core API. Not retried.
     *
     * @param method POST, PUT or DELETE
     * @return the answer's body
     */
    public CompletableFuture<JsonNode> write(String merchantId, String token, String method, String path,
            JsonNode body) {
        return host.call(PartnerRoutes.WRITE, new DinteroCall(method, accountUrl(merchantId, path), bearer(token),
                body, merchantId)).thenApply(DinteroResponse::body);
    }

    /**
     * Reads from the checkout API ({@code checkout.base.url}{@code /v1<path>}) with a merchant token.
     *
     * @return the answer's body
     */
    public CompletableFuture<JsonNode> readCheckout(String merchantId, String token, String path) {
        return host.call(PartnerRoutes.READ, new DinteroCall("GET", settings.checkoutBaseUrl() + "/v1" + path,
                bearer(token), null, merchantId)).thenApply(DinteroResponse::body);
    }

    /**
     * Writes to the checkout API with a merchant token. Not retried.
     *
     * @return the answer's body
     */
    public CompletableFuture<JsonNode> writeCheckout(String merchantId, String token, String method, String path,
            JsonNode body) {
        return host.call(PartnerRoutes.WRITE, new DinteroCall(method, settings.checkoutBaseUrl() + "/v1" + path,
                bearer(token), body, merchantId)).thenApply(DinteroResponse::body);
    }

    /** @return the partner's settings */
    public PartnerSettings settings() {
        return settings;
    }

    private String accountUrl(String accountId, String path) {
        return settings.apiBaseUrl() + "/v1/accounts/" + accountId + path;
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token, "Dintero-System-Name", DinteroApi.SYSTEM_NAME,
                "Dintero-System-Version", DinteroApi.SYSTEM_VERSION);
    }

    private static String token(DinteroResponse response) {
        String token = response.body().path("access_token").asText("");
        if (token.isEmpty()) {
            throw new DinteroCallException(response.status(), null, "Dintero's token answer has no access_token",
                    null);
        }
        return token;
    }
}
