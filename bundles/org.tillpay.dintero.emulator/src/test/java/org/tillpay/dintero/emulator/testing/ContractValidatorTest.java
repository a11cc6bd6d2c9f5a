package org.tillpay.dintero.emulator.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The contract validator really rejects what breaks the spec (so that an empty violation list means something). */
class ContractValidatorTest {

    private static final Map<String, List<String>> JSON = Map.of("Content-Type", List.of("application/json"));

    @Test
    void mapsEmulatorPathsToSpecPaths() {
        assertEquals(Optional.of("/v1/sessions-profile"),
                ContractFilter.specPath("/dintero-emulator", "/dintero-emulator/checkout/v1/sessions-profile"));
        assertEquals(Optional.of("/v1/accounts/T12345678/auth/token"),
                ContractFilter.specPath("/dintero-emulator", "/dintero-emulator/api/v1/accounts/T12345678/auth/token"));
        assertEquals(Optional.empty(), ContractFilter.specPath("/dintero-emulator",
                "/dintero-emulator/checkout/v1/view/T12345678.abc"));
        assertEquals(Optional.empty(), ContractFilter.specPath("/dintero-emulator", "/elsewhere/checkout/v1/x"));
        assertEquals(Optional.empty(), ContractFilter.specPath("/dintero-emulator",
                "/dintero-emulator/api/v1/accounts/T12345678/hooks/subscriptions"), "the Hooks API is not in the spec");
        assertEquals(Optional.of("/v1/accounts/T12345678/settlements"), ContractFilter.specPath("/dintero-emulator",
                "/dintero-emulator/api/v1/accounts/T12345678/settlements"));
        assertEquals(Optional.empty(), ContractFilter.specPath("/dintero-emulator",
                "/dintero-emulator/api/v1/accounts/T12345678/insight/reports/configuration"), "nor the Insight API");
        assertEquals(Optional.empty(), ContractFilter.specPath("/dintero-emulator",
                "/dintero-emulator/api/v1/reports/signed/abc"), "nor a signed download");
        assertEquals(Optional.of("/v1/accounts/T12345678/reports/metadata"), ContractFilter.specPath(
                "/dintero-emulator", "/dintero-emulator/api/v1/accounts/T12345678/reports/metadata"));
    }

    @Test
    void rejectsResponsesThatBreakTheSchema() {
        Assumptions.assumeTrue(ContractValidator.isAvailable(),
                "Dintero spec absent (system property dintero.spec unset or file missing): contract not checked");
        ContractValidator validator = ContractValidator.shared();
        List<ContractViolation> missingFields = validator.validateResponse("GET", "/v1/sessions/T12345678.abc", 200,
                JSON, "{\"id\":\"T12345678.abc\"}");
        assertTrue(missingFields.stream().anyMatch(v -> v.message().contains("missing required properties")
                && v.message().contains("order")), missingFields.toString());
        List<ContractViolation> badStatus = validator.validateResponse("GET", "/v1/transactions/T12345678.abc",
                200, JSON, "{\"id\":\"x\",\"payment_product\":\"cash\",\"payment_product_type\":\"vipps\","
                        + "\"amount\":1,\"currency\":\"NOK\",\"status\":\"PAID\"}");
        assertEquals(1, badStatus.size(), badStatus.toString());
        assertTrue(badStatus.get(0).message().contains("(\"cash\") not found in enum")
                && badStatus.get(0).message().contains("(\"PAID\") not found in enum"), badStatus.toString());
        List<ContractViolation> tolerated = validator.validateResponse("GET", "/v1/transactions/T12345678.abc",
                200, JSON, "{\"id\":\"x\",\"payment_product\":\"dintero_psp\","
                        + "\"payment_product_type\":\"dintero_psp.applepay\",\"amount\":1,\"currency\":\"NOK\"}");
        assertEquals(List.of(), tolerated);
        List<ContractViolation> errorBody = validator.validateResponse("POST", "/v1/sessions-profile", 400, JSON,
                "{\"error\":{\"code\":\"X\"}}");
        assertTrue(errorBody.stream().anyMatch(v -> v.message().contains("missing required properties")
                && v.message().contains("message")), errorBody.toString());
    }

    @Test
    void rejectsRequestsThatBreakTheSchema() {
        Assumptions.assumeTrue(ContractValidator.isAvailable(),
                "Dintero spec absent (system property dintero.spec unset or file missing): contract not checked");
        List<ContractViolation> v = ContractValidator.shared().validateRequest("POST", "/v1/sessions-profile",
                Map.of(), Map.of("Content-Type", List.of("application/json"), "Authorization", List.of("Bearer x")),
                "{\"profile_id\":\"default\",\"url\":{},\"order\":{\"amount\":\"ten\",\"currency\":\"NOK\"}}");
        assertEquals(1, v.size(), v.toString());
        assertEquals("REQUEST", v.get(0).direction());
        assertTrue(v.get(0).message().contains("missing required properties")
                && v.get(0).message().contains("return_url"), v.toString());
        assertTrue(v.get(0).message().contains("merchant_reference"), v.toString());
        assertTrue(v.get(0).message().contains("[Path '/order/amount'] Instance type (string)"),
                "amount must be an integer: " + v);
    }

    @Test
    void disabledWithoutSpec() {
        String saved = System.getProperty(ContractValidator.SPEC_PROPERTY);
        try {
            System.setProperty(ContractValidator.SPEC_PROPERTY, "/nonexistent/spec.yaml");
            assertEquals(false, ContractValidator.isAvailable());
        } finally {
            if (saved == null) {
                System.clearProperty(ContractValidator.SPEC_PROPERTY);
            } else {
                System.setProperty(ContractValidator.SPEC_PROPERTY, saved);
            }
        }
    }
}
