package org.tillpay.dintero.internal.onboarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tillpay.dintero.emulator.testing.EmulatorServer;
import org.tillpay.dintero.internal.TestStores;
import org.tillpay.dintero.internal.client.DinteroApi;
import org.tillpay.dintero.internal.client.DinteroCamelHost;
import org.tillpay.dintero.internal.client.PartnerApi;
import org.tillpay.dintero.internal.config.PartnerSettings;
import org.tillpay.dintero.internal.config.StoreSettings;
import org.tillpay.dintero.api.onboarding.OnboardingReport;
import org.tillpay.dintero.api.onboarding.OnboardingReport.Outcome;
import org.tillpay.dintero.api.onboarding.OnboardingRequest;

/**
 * Onboarding through the emulator's Partner API with the real routes: every step once, a second run that changes
 * nothing, the onboarded client working, a lost client secret recovered by rotation, a merchant of another customer
 * refused, and the store's configuration holding only references to secrets kept in the secrets directory.
 */
class StoreOnboarderTest {

    private static EmulatorServer dintero;
    private static DinteroCamelHost host;
    private static PartnerApi api;

    @TempDir
    Path secretsDir;

    private final Map<String, Dictionary<String, Object>> configs = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        dintero = EmulatorServer.builder().defaultAccount().partnerAndMerchant().start();
        host = new DinteroCamelHost();
        api = new PartnerApi(PartnerSettings.from(TestStores.partnerConfig(EmulatorServer.PARTNER_ID,
                EmulatorServer.PARTNER_CLIENT_ID, EmulatorServer.PARTNER_CLIENT_SECRET, dintero.apiBaseUrl(),
                dintero.checkoutBaseUrl())), host, Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        host.stop();
        dintero.close();
    }

    @AfterEach
    void exchangesFollowTheSpec() {
        assertEquals(List.of(), dintero.contractViolations());
    }

    private OnboardingReport onboard(String store, String signupReference) throws Exception {
        OnboardingRequest request = new OnboardingRequest(EmulatorServer.MERCHANT_ID, store, "Butikk " + store,
                signupReference, "1920", List.of("vipps", "card"), false);
        StoreConfigurations target = new StoreConfigurations((name, wanted) -> {
            Dictionary<String, Object> existing = configs.put(name, wanted);
            return existing == null ? Outcome.CREATED : StoreConfigurations.same(existing, wanted) ? Outcome.REUSED
                    : Outcome.UPDATED;
        });
        return new StoreOnboarder(api, new SecretFiles(secretsDir), target, request)
                .run((partner, req, steps) -> CompletableFuture.completedFuture(null)).get(60, TimeUnit.SECONDS);
    }

    private static Map<String, Outcome> outcomes(OnboardingReport report) {
        return report.steps().stream().collect(Collectors.toMap(OnboardingReport.Step::name,
                OnboardingReport.Step::outcome));
    }

    private String secret(String store, String what) throws Exception {
        return Files.readString(secretsDir.resolve("tillpay-" + EmulatorServer.MERCHANT_ID + "-" + store + "-" + what));
    }

    /** @return how many API clients the merchant has for the store (the tests share the emulator) */
    private static long clients(String store) {
        return clientIds(store).size();
    }

    private static List<Object> clientIds(String store) {
        return dintero.partner().apiClients(EmulatorServer.MERCHANT_ID).stream()
                .filter(c -> ("Tillpay POS " + store).equals(c.get("name"))).map(c -> c.get("id")).toList();
    }

    @Test
    void aStoreIsOnboardedOnceAndASecondRunChangesNothing() throws Exception {
        OnboardingReport first = onboard("101", EmulatorServer.SIGNUP_REFERENCE);

        assertTrue(first.succeeded(), first.toString());
        for (String step : List.of("api client", "grant", "payment profile", "callback signature", "webhook secret",
            "store configuration")) {
            assertEquals(Outcome.CREATED, outcomes(first).get(step), step + ": " + first);
        }
        Dictionary<String, Object> config = configs.get("onboarded-101");
        assertEquals("$[secret:tillpay-" + EmulatorServer.MERCHANT_ID + "-101-client-secret]",
                config.get("client.secret"));
        assertEquals("tillpay-101", config.get("profile.id"));
        String clientSecret = secret("101", "client-secret");
        assertFalse(first.toString().contains(clientSecret), "no secret in the report");
        assertFalse(config.toString().contains(clientSecret), "no secret in the configuration");
        assertEquals(1, clients("101"));
        assertEquals(1, dintero.partner().clientGrants(EmulatorServer.MERCHANT_ID).stream()
                .filter(g -> clientIds("101").contains(g.get("client_id"))).count());

        // the onboarded client's own credentials work: a store on them gets a token and reads transactions
        Map<String, Object> store = new HashMap<>();
        store.put("store_id", "101");
        store.put("account_id", config.get("account.id"));
        store.put("client_id", config.get("client.id"));
        store.put("profile_id", config.get("profile.id"));
        store.put("client_secret", clientSecret);
        store.put("signature_secret", secret("101", "signature-secret"));
        store.put("api_base_url", dintero.apiBaseUrl());
        store.put("checkout_base_url", dintero.checkoutBaseUrl());
        store.put("callback_base_url", "http://127.0.0.1:1");
        StoreSettings settings = StoreSettings.from(TestStores.config(store));
        assertTrue(new DinteroApi(settings, host, Clock.systemUTC()).listTransactions("limit=1")
                .get(20, TimeUnit.SECONDS).isEmpty());

        OnboardingReport second = onboard("101", EmulatorServer.SIGNUP_REFERENCE);
        assertTrue(second.changedNothing(), second.toString());
        assertEquals(1, clients("101"));
        assertEquals(clientSecret, secret("101", "client-secret"));
    }

    @Test
    void aLostClientSecretIsRotatedAndAnotherCustomersAccountRefused() throws Exception {
        assertTrue(onboard("102", null).succeeded());
        String before = secret("102", "client-secret");
        Files.delete(secretsDir.resolve("tillpay-" + EmulatorServer.MERCHANT_ID + "-102-client-secret"));

        OnboardingReport again = onboard("102", null);
        assertEquals(Outcome.UPDATED, outcomes(again).get("api client"), again.toString());
        assertFalse(before.equals(secret("102", "client-secret")), "a new secret");

        OnboardingReport wrong = onboard("103", "someone-else");
        assertFalse(wrong.succeeded());
        OnboardingReport.Step failed = wrong.steps().get(wrong.steps().size() - 1);
        assertEquals("account", failed.name());
        assertTrue(failed.detail().contains("not 'someone-else'"), failed.detail());
    }
}
