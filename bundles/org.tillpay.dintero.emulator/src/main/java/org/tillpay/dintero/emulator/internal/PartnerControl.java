package org.tillpay.dintero.emulator.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.tillpay.dintero.emulator.DinteroPartnerEmulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Partner API part of the {@link Emulator} (API.md &sect;11) and its {@link DinteroPartnerEmulator} control
 * methods: exchange tokens, management settings, and deleting API clients (whose tokens then stop working). The HTTP
 * routes are in {@link PartnerApi}. A base class only to keep the emulator core's file short.
 */
abstract class PartnerControl implements DinteroPartnerEmulator {

    private final ApiClients apiClients;
    private final SessionProfiles profiles;

    /** @param clock the emulator's clock */
    PartnerControl(Clock clock) {
        this.apiClients = new ApiClients(clock);
        this.profiles = new SessionProfiles(clock);
    }

    /** @return the created API clients and grants */
    final ApiClients apiClients() {
        return apiClients;
    }

    /** @return the payment profiles */
    final SessionProfiles profiles() {
        return profiles;
    }

    /** @return the token service */
    abstract TokenService tokenService();

    /** @return the configured accounts by id */
    abstract Map<String, Account> accounts();

    private Account account(String accountId) {
        return accounts().get(accountId);
    }

    /**
     * {@code POST /v1/accounts/{partner}/auth/exchange_token}: an exchange token for one of the partner's merchants.
     *
     * @throws ApiException 401 without a valid access token of the partner account, 403 when the merchant does not
     *         name this partner or is inactive, 400 without {@code account_id}
     */
    ObjectNode exchangeToken(String partnerId, String authorization, byte[] body) {
        TokenService.Issued partner = tokenService().authenticate(authorization);
        if (!partner.accountId().equals(partnerId) || account(partnerId) == null) {
            throw ApiException.unauthorized("the access token is not the partner account " + partnerId + "'s");
        }
        JsonNode request = Json.parse(body);
        String merchantId = Json.text(request, "account_id");
        if (merchantId == null || merchantId.isBlank()) {
            throw ApiException.badRequest("account_id is required");
        }
        Account merchant = account(merchantId);
        if (merchant == null || !merchant.partnerId().equals(partnerId) || !merchant.active()) {
            throw new ApiException(403, "FORBIDDEN", "account " + merchantId + " is not an active merchant of "
                    + "partner " + partnerId);
        }
        return tokenService().exchange(merchantId, partner.clientId());
    }

    /** {@code GET /v1/accounts/{aid}/management/settings}. */
    ObjectNode settings(String accountId) {
        Account account = account(accountId);
        if (account == null) {
            throw ApiException.notFound("account " + accountId + " not found");
        }
        ObjectNode o = Json.object();
        o.put("account_id", account.accountId());
        if (account.partnerId().isEmpty()) {
            o.putNull("partner_id");
        } else {
            o.put("partner_id", account.partnerId());
        }
        o.put("active", account.active());
        o.put("livemode", !account.accountId().startsWith("T"));
        ObjectNode company = o.putObject("company");
        company.put("business_name", account.companyName());
        company.put("organization_number", account.organizationNumber());
        ObjectNode applicant = o.putObject("applicant");
        applicant.put("signup_reference", account.signupReference());
        return o;
    }

    /** {@code GET /v1/accounts/{partner}/management/accounts}: a bare array of the merchants' settings. */
    ArrayNode merchants(String partnerId) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        accounts().values().stream().filter(a -> a.partnerId().equals(partnerId))
                .sorted((a, b) -> a.accountId().compareTo(b.accountId())).forEach(a -> list.add(settings(
                        a.accountId())));
        return list;
    }

    /** {@code DELETE .../auth/clients/{id}}: deletes the client and its grants, and revokes its tokens. */
    ObjectNode deleteClient(String accountId, String id) {
        ObjectNode deleted = apiClients().delete(accountId, id);
        tokenService().revokeApiClient(deleted.path("id").asText());
        return deleted;
    }

    @Override
    public List<Map<String, Object>> apiClients(String accountId) {
        return frozen(apiClients().list(accountId));
    }

    @Override
    public List<Map<String, Object>> clientGrants(String accountId) {
        return frozen(apiClients().grants(accountId, null, null));
    }

    @Override
    public List<Map<String, Object>> profiles(String accountId) {
        return profiles().views(accountId);
    }

    @Override
    public void revokeClient(String accountId, String clientId) {
        String id = apiClients().resolve(accountId, clientId);
        try {
            deleteClient(accountId, id);
        } catch (ApiException e) {
            throw new NoSuchElementException(e.getMessage());
        }
    }

    private static List<Map<String, Object>> frozen(ArrayNode list) {
        return java.util.stream.StreamSupport.stream(list.spliterator(), false).map(Json::toFrozenMap).toList();
    }
}
