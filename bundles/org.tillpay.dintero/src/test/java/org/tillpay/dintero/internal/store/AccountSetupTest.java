package org.tillpay.dintero.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.tillpay.dintero.emulator.testing.EmulatorServer;
import org.tillpay.dintero.emulator.Fault;
import org.tillpay.dintero.emulator.FaultRule;

/**
 * A store's set-up at Dintero (webhook subscriptions, Insight report configuration) when Dintero cannot be reached as
 * the store starts: the attempt says it failed, so the store's component makes it again later, and a later attempt
 * puts everything in place.
 */
class AccountSetupTest extends StoreFlowTestBase {

    @Test
    void aSetupThatFailedSaysSoAndALaterAttemptPutsEverythingInPlace() throws Exception {
        DinteroStoreCore store = fixture.store("061", Map.of("webhook_secret", "webhook-secret-of-store-061",
                "insight_report_schedule", "monthly"));
        String outage = fixture.dintero.emulator().addFault(FaultRule.on(Fault.serverError(503))
                .forAccount(EmulatorServer.ACCOUNT_ID));
        try {
            assertFalse(store.ensureAccountSetup(0).get(60, TimeUnit.SECONDS), "Dintero answered 503 throughout");
        } finally {
            fixture.dintero.emulator().removeFault(outage);
        }
        String url = WebhookSubscriber.hookUrl(store.settings());
        assertFalse(fixture.dintero.settlements().webhookDeliveries().stream().anyMatch(d -> url.equals(d.url())),
                "no subscription was made during the outage");

        assertTrue(store.ensureAccountSetup(1).get(30, TimeUnit.SECONDS));
        StoreFlowFixture.await("the new subscription's ping reached the store", () -> fixture.dintero.settlements()
                .webhookDeliveries().stream().anyMatch(d -> url.equals(d.url()) && d.httpStatus() == 200));
        assertTrue(fixture.dintero.insight().insightConfigurations(EmulatorServer.ACCOUNT_ID).stream()
                .anyMatch(c -> String.valueOf(c.get("name")).contains("061")), "the store's Insight report");
    }

    @Test
    void theAttemptsSpreadOutToHalfAnHour() {
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L), java.util.stream.IntStream.of(0, 1, 2, 3, 4, 5, 6, 60)
                .mapToObj(a -> AccountSetup.retryDelay(a).toMinutes()).toList());
        assertEquals(Duration.ofMinutes(1), AccountSetup.retryDelay(0));
    }
}
