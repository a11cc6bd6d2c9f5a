package org.tillpay.dintero.emulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tillpay.dintero.emulator.testing.EmulatorServer;

/** Partner token, exchange token, merchant token and the management endpoints (API.md &sect;11.1-11.4). */
class PartnerTokenTest {

    static final String PARTNER = EmulatorServer.PARTNER_ID;
    static final String MERCHANT = EmulatorServer.MERCHANT_ID;
    static final String INACTIVE = "T11200002";
    static final String STRANGER = "T11200003";

    private final EmulatorServer server = EmulatorServer.builder().partnerAndMerchant()
            .partnerAndMerchant(PARTNER, EmulatorServer.PARTNER_CLIENT_ID, EmulatorServer.PARTNER_CLIENT_SECRET,
                    INACTIVE, "erp-2", false)
            .account(STRANGER, "stranger", "stranger-secret", "", "default").start();

    @AfterEach
    void close() {
        Http.closeCheckingContract(server);
    }

    static String partnerToken(EmulatorServer server) {
        return Http.bearer(server, PARTNER, EmulatorServer.PARTNER_CLIENT_ID, EmulatorServer.PARTNER_CLIENT_SECRET);
    }

    static Http.Response exchange(EmulatorServer server, String bearer, String merchant) {
        return Http.postJson(server.apiBaseUrl() + "/v1/accounts/" + PARTNER + "/auth/exchange_token", bearer,
                "{\"account_id\":\"" + merchant + "\"}", Map.of());
    }

    /** The whole §11 chain: returns a merchant token as a {@code Bearer ...} header value. */
    static String merchantToken(EmulatorServer server, String audienceAccount) {
        Http.Response ex = exchange(server, partnerToken(server), MERCHANT);
        assertEquals(200, ex.status(), ex.body());
        Http.Response r = Http.postJson(server.apiBaseUrl() + "/v1/accounts/" + MERCHANT + "/auth/token",
                "Bearer " + ex.json().path("access_token").asText(), Http.tokenBody(audienceAccount), Map.of());
        assertEquals(200, r.status(), r.body());
        return "Bearer " + r.json().path("access_token").asText();
    }

    @Test
    void exchangeAnswersAnAccessToken() {
        Http.Response r = exchange(server, partnerToken(server), MERCHANT);
        assertEquals(200, r.status(), r.body());
        assertEquals("Bearer", r.json().path("token_type").asText());
        assertEquals(14400, r.json().path("expires_in").asInt());
        assertTrue(r.json().path("access_token").asText().length() >= 40);
    }

    @Test
    void merchantTokenForBothAudiencesReadsSettings() {
        for (String audience : new String[] {MERCHANT, PARTNER}) {
            Http.Response settings = Http.get(server.apiBaseUrl() + "/v1/accounts/" + MERCHANT
                    + "/management/settings", merchantToken(server, audience));
            assertEquals(200, settings.status(), settings.body());
            assertEquals(MERCHANT, settings.json().path("account_id").asText());
            assertEquals(PARTNER, settings.json().path("partner_id").asText());
            assertTrue(settings.json().path("active").asBoolean());
            assertEquals(false, settings.json().path("livemode").asBoolean(true));
            assertEquals("Butikk AS", settings.json().path("company").path("business_name").asText());
            assertEquals("999999999", settings.json().path("company").path("organization_number").asText());
            assertEquals(EmulatorServer.SIGNUP_REFERENCE,
                    settings.json().path("applicant").path("signup_reference").asText());
        }
        // The merchant token works on the merchant's other APIs, also on checkout.
        assertTrue(Http.createSession(server, merchantToken(server, MERCHANT), Sessions.body()).path("url")
                .isTextual());
        Http.Response wrongAudience = Http.postJson(server.apiBaseUrl() + "/v1/accounts/" + MERCHANT
                + "/auth/token", "Bearer " + exchange(server, partnerToken(server), MERCHANT).json()
                        .path("access_token").asText(), Http.tokenBody(STRANGER), Map.of());
        assertEquals(400, wrongAudience.status());
    }

    @Test
    void exchangeRefusedForForeignOrInactiveMerchantsAndWithoutPartnerToken() {
        String partner = partnerToken(server);
        assertEquals(403, exchange(server, partner, STRANGER).status());
        assertEquals(403, exchange(server, partner, INACTIVE).status());
        assertEquals(403, exchange(server, partner, "T19999999").status());
        assertEquals(401, exchange(server, null, MERCHANT).status());
        assertEquals(401, exchange(server, "Bearer nonsense", MERCHANT).status());
        String stranger = Http.bearer(server, STRANGER, "stranger", "stranger-secret");
        assertEquals(401, exchange(server, stranger, MERCHANT).status());
        Http.Response noAccount = Http.postJson(server.apiBaseUrl() + "/v1/accounts/" + PARTNER
                + "/auth/exchange_token", partner, "{}", Map.of());
        assertEquals(400, noAccount.status());
        assertTrue(noAccount.json().path("error").path("message").asText().contains("account_id"));
    }

    @Test
    void exchangeTokenIsNoAccessTokenAndPartnerTokenIsNotTheMerchants() {
        String exchangeToken = "Bearer " + exchange(server, partnerToken(server), MERCHANT).json()
                .path("access_token").asText();
        assertEquals(401, Http.get(server.apiBaseUrl() + "/v1/accounts/" + MERCHANT + "/management/settings",
                exchangeToken).status());
        assertEquals(403, Http.get(server.apiBaseUrl() + "/v1/accounts/" + MERCHANT + "/management/settings",
                partnerToken(server)).status());
        // An exchange token for one merchant gives no token for another account.
        assertEquals(401, Http.postJson(server.apiBaseUrl() + "/v1/accounts/" + STRANGER + "/auth/token",
                exchangeToken, Http.tokenBody(STRANGER), Map.of()).status());
    }

    @Test
    void partnerListsItsMerchants() {
        Http.Response r = Http.get(server.apiBaseUrl() + "/v1/accounts/" + PARTNER + "/management/accounts",
                partnerToken(server));
        assertEquals(200, r.status(), r.body());
        assertEquals(2, r.json().size());
        assertEquals(MERCHANT, r.json().get(0).path("account_id").asText());
        assertEquals(INACTIVE, r.json().get(1).path("account_id").asText());
        assertEquals(false, r.json().get(1).path("active").asBoolean(true));
        Http.Response own = Http.get(server.apiBaseUrl() + "/v1/accounts/" + PARTNER + "/management/settings",
                partnerToken(server));
        assertTrue(own.json().path("partner_id").isNull());
    }

    @Test
    void partnerKeysAreValidated() {
        Account base = new Account(MERCHANT, "c", "s", "", java.util.List.of("default"));
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> base.withPartner("P11200000", "", "", "", true)).getMessage().startsWith("partner.id"));
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> base.withPartner(MERCHANT, "", "", "", true)).getMessage().startsWith("partner.id"));
        Account linked = base.withPartner(" " + PARTNER + " ", " ref ", null, "", false);
        assertEquals(PARTNER, linked.partnerId());
        assertEquals("ref", linked.signupReference());
        assertEquals("", linked.companyName());
        assertTrue(base.active());
        assertTrue(linked.toString().contains("inactive"));
    }
}
