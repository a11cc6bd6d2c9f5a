package org.tillpay.dintero.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.tillpay.dintero.emulator.CallbackMode;
import org.tillpay.dintero.emulator.OperationMode;

/**
 * A test class of stores in-JVM against one {@link StoreFlowFixture}: after each test the emulator answers normally
 * again, and every exchange so far must have followed Dintero's OpenAPI spec.
 */
abstract class StoreFlowTestBase {

    static StoreFlowFixture fixture;

    @BeforeAll
    static void startFixture() throws Exception {
        fixture = new StoreFlowFixture();
    }

    @AfterAll
    static void stopFixture() throws Exception {
        fixture.close();
    }

    @AfterEach
    void exchangesFollowTheSpec() {
        fixture.dintero.emulator().setCallbackMode(CallbackMode.NORMAL);
        fixture.dintero.emulator().setOperationMode(OperationMode.SYNC);
        assertEquals(List.of(), fixture.dintero.contractViolations());
    }
}
