package org.tillpay.dintero.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tillpay.dintero.api.operations.PaymentProfile;
import org.tillpay.dintero.emulator.testing.EmulatorServer;
import org.tillpay.dintero.internal.TestStores;
import org.tillpay.dintero.internal.client.DinteroApi;
import org.tillpay.dintero.internal.client.DinteroCamelHost;
import org.tillpay.dintero.internal.config.StoreSettings;

/** A store's payment profiles through the real routes against the emulator: listed, created, updated, refused. */
class PaymentProfilesTest {

    private static EmulatorServer dintero;
    private static DinteroCamelHost host;
    private static PaymentProfiles profiles;

    @BeforeAll
    static void start() throws Exception {
        dintero = EmulatorServer.builder().defaultAccount().start();
        host = new DinteroCamelHost();
        StoreSettings settings = TestStores.settings(EmulatorServer.ACCOUNT_ID, EmulatorServer.CLIENT_ID,
                EmulatorServer.CLIENT_SECRET, EmulatorServer.SIGNATURE_SECRET, dintero.apiBaseUrl(),
                dintero.checkoutBaseUrl(), "http://127.0.0.1:1");
        profiles = new PaymentProfiles(settings, new DinteroApi(settings, host, Clock.systemUTC()));
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

    private static PaymentProfile find(String id) throws Exception {
        return profiles.list().get(20, TimeUnit.SECONDS).stream().filter(p -> p.profileId().equals(id)).findFirst()
                .orElseThrow();
    }

    @Test
    void aProfileIsCreatedThenUpdatedToOfferExactlyTheGivenMethods() throws Exception {
        PaymentProfile created = profiles.save(new PaymentProfile("pos-012", "Storgata", List.of("vipps", "card",
                "klarna"))).get(20, TimeUnit.SECONDS);
        assertEquals(List.of("vipps", "klarna", "card"), created.paymentMethods());
        assertEquals(created, find("pos-012"));

        profiles.save(new PaymentProfile("pos-012", "Storgata", List.of("swish"))).get(20, TimeUnit.SECONDS);
        assertEquals(List.of("swish"), find("pos-012").paymentMethods());
        assertEquals(1, profiles.list().get(20, TimeUnit.SECONDS).stream()
                .filter(p -> p.profileId().equals("pos-012")).count());

        ExecutionException bad = assertThrows(ExecutionException.class, () -> profiles.save(new PaymentProfile(
                "pos-013", "", List.of("vipps", "cash"))).get(20, TimeUnit.SECONDS));
        assertInstanceOf(IllegalArgumentException.class, bad.getCause());
        assertEquals("paymentMethods: 'cash' is not a payment method", bad.getCause().getMessage());
    }
}
