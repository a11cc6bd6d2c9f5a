package org.tillpay.dintero.emulator.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.tillpay.dintero.emulator.Fault;
import org.tillpay.dintero.emulator.FaultRule;
import org.tillpay.dintero.emulator.FaultRule.Route;

/** Parsing of {@code dintero-emulator:faults --add ... --route ...}. */
class FaultsCommandTest {

    @Test
    void faults() {
        assertEquals(Fault.serverError(503), FaultsCommand.fault("503"));
        assertEquals(Fault.tooManyRequests(30), FaultsCommand.fault("429:30"));
        assertEquals(Fault.tooManyRequests(1), FaultsCommand.fault("429"));
        assertEquals(Fault.latency(Duration.ofMillis(200)), FaultsCommand.fault("latency:200ms"));
        assertEquals(Fault.latency(Duration.ofMillis(100), Duration.ofSeconds(2)),
                FaultsCommand.fault("latency:100ms-2s"));
        assertEquals(Fault.timeout(Duration.ofSeconds(30), Fault.Stage.BEFORE_WORK),
                FaultsCommand.fault("timeout:30s"));
        assertEquals(Fault.timeout(Duration.ofMinutes(1), Fault.Stage.AFTER_WORK),
                FaultsCommand.fault("timeout:1m:after"));
        assertEquals(Fault.reset(Fault.Stage.BEFORE_WORK), FaultsCommand.fault("reset"));
        assertEquals(Fault.reset(Fault.Stage.AFTER_WORK), FaultsCommand.fault("RESET:after"));
        assertEquals(Fault.callbackDelay(Duration.ofSeconds(5)), FaultsCommand.fault("callback-delay:5s"));
        assertEquals(Fault.callbackDrop(), FaultsCommand.fault("callback-drop"));
        assertEquals(Fault.callbackDuplicate(), FaultsCommand.fault("callback-duplicate"));
        assertEquals(Fault.operationFailure("card: declined"), FaultsCommand.fault("operation-fails:card: declined"));
        assertEquals(Fault.operationLate(Duration.ofSeconds(10), "lost"),
                FaultsCommand.fault("operation-late:10s:lost"));
        for (String bad : new String[] {"", "404", "latency", "timeout:30s:sideways", "reset:later", "teapot",
            "latency:2s-1s", "429:-1"}) {
            assertThrows(IllegalArgumentException.class, () -> FaultsCommand.fault(bad), bad);
        }
    }

    @Test
    void rules() {
        FaultRule rule = FaultsCommand.rule("503", "token", "T12345678", 0.5, 42L, 3, "5m");
        assertEquals(FaultRule.on(Route.TOKEN, Fault.serverError(503)).forAccount("T12345678")
                .withProbability(0.5, 42L).times(3).during(Duration.ofMinutes(5)), rule);
        assertEquals(Route.ANY, FaultsCommand.rule("reset", null, null, 1, 0, 0, null).route());
        assertEquals(Route.CALLBACK, FaultsCommand.rule("callback-drop", null, null, 1, 0, 0, null).route());
        assertEquals(Route.TRANSACTION_OPERATION, FaultsCommand.rule("operation-fails", null, null, 1, 0, 0, null)
                .route());
        assertEquals(Optional.empty(), FaultsCommand.rule("500", "session-create", null, 1, 0, 0, null).period());
        assertThrows(IllegalArgumentException.class, () -> FaultsCommand.rule("503", "nowhere", null, 1, 0, 0, null));
        assertThrows(IllegalArgumentException.class, () -> FaultsCommand.rule("503", "callback", null, 1, 0, 0, null));
        assertThrows(IllegalArgumentException.class, () -> FaultsCommand.rule("503", null, null, 1.5, 0, 0, null));
    }
}
