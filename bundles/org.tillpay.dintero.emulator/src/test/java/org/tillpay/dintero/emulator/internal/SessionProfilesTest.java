package org.tillpay.dintero.emulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tillpay.dintero.emulator.testing.EmulatorServer;

import com.fasterxml.jackson.databind.JsonNode;

/** Payment profiles on the checkout host (API.md &sect;11.7) and sessions created from them. */
class SessionProfilesTest {

    private static final String VIPPS_ONLY = "{\"profile_id\":\"pos-store-012\",\"description\":\"POS Storgata\","
            + "\"configuration\":{\"auto_capture\":true,\"vipps\":{\"enabled\":true}}}";

    private final EmulatorServer server = EmulatorServer.builder().partnerAndMerchant().start();
    private final String merchant = PartnerTokenTest.merchantToken(server, EmulatorServer.MERCHANT_ID);
    private final String profiles = server.checkoutBaseUrl() + "/v1/admin/session/profiles";

    @AfterEach
    void close() {
        Http.closeCheckingContract(server);
    }

    private String sessionBody(String profileId) {
        return Sessions.body().replace("\"profile_id\":\"default\"", "\"profile_id\":\"" + profileId + "\"");
    }

    @Test
    void createdProfileDrivesTheSessionsPaymentTypes() {
        Http.Response created = Http.postJson(profiles, merchant, VIPPS_ONLY, Map.of());
        assertEquals(200, created.status(), created.body());
        assertEquals("pos-store-012", created.json().path("profile_id").asText());
        assertTrue(created.json().path("created_at").isTextual());
        String session = Http.createSession(server, merchant, sessionBody("pos-store-012")).path("id").asText();
        JsonNode view = Http.get(server.checkoutBaseUrl() + "/v1/sessions/" + session, merchant).json();
        assertTrue(view.path("configuration").path("vipps").path("enabled").asBoolean());
        assertThrows(IllegalArgumentException.class, () -> server.emulator().pay(session, "card"));
        assertEquals("CAPTURED", server.emulator().pay(session, "vipps").status());
    }

    @Test
    void unknownOrDeletedProfileIsRefused() {
        Http.Response unknown = Http.postJson(server.checkoutBaseUrl() + "/v1/sessions-profile", merchant,
                sessionBody("nope"), Map.of());
        assertEquals(400, unknown.status());
        assertEquals(200, Http.postJson(profiles, merchant, VIPPS_ONLY, Map.of()).status());
        assertEquals(200, Http.delete(profiles + "/pos-store-012", merchant).status());
        assertEquals(400, Http.postJson(server.checkoutBaseUrl() + "/v1/sessions-profile", merchant,
                sessionBody("pos-store-012"), Map.of()).status());
        assertEquals(404, Http.get(profiles + "/pos-store-012", merchant).status());
    }

    @Test
    void crudListPagingAndErrors() {
        assertEquals(200, Http.postJson(profiles, merchant, VIPPS_ONLY, Map.of()).status());
        Http.Response conflict = Http.postJson(profiles, merchant, VIPPS_ONLY, Map.of());
        assertEquals(409, conflict.status());
        Http.Response generated = Http.postJson(profiles, merchant, "{\"description\":\"x\",\"configuration\":{}}",
                Map.of());
        assertEquals(200, generated.status(), generated.body());
        String generatedId = generated.json().path("profile_id").asText();
        assertTrue(!generatedId.isEmpty());
        Http.Response missing = Http.postJson(profiles, merchant, "{\"profile_id\":\"p2\"}", Map.of());
        assertEquals(400, missing.status());
        assertTrue(missing.json().path("error").path("message").asText().contains("configuration"));

        Http.Response put = Http.putJson(profiles + "/pos-store-012", merchant,
                "{\"description\":\"changed\",\"configuration\":{\"swish\":{\"swish\":{\"enabled\":true}}}}");
        assertEquals(200, put.status(), put.body());
        assertEquals("changed", Http.get(profiles + "/pos-store-012", merchant).json().path("description").asText());

        JsonNode all = Http.get(profiles, merchant).json();
        assertEquals(List.of("default", "pos-store-012", generatedId), ids(all));
        assertEquals(List.of("default"), ids(Http.get(profiles + "?limit=1", merchant).json()));
        assertEquals(List.of(generatedId), ids(Http.get(profiles + "?limit=5&starting_after=pos-store-012",
                merchant).json()));
        assertEquals(400, Http.get(profiles + "?limit=0", merchant).status());
        assertEquals(3, server.partner().profiles(EmulatorServer.MERCHANT_ID).size());
        // The api host serves the same profiles.
        assertEquals(3, Http.get(server.apiBaseUrl() + "/v1/admin/session/profiles", merchant).json().size());
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new java.util.ArrayList<>();
        list.forEach(p -> ids.add(p.path("profile_id").asText()));
        return ids;
    }
}
