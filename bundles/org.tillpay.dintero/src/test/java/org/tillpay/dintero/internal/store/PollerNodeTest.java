package org.tillpay.dintero.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The node id of the poller's claims: configured, or the Karaf name made unique per start. */
class PollerNodeTest {

    @Test
    void theConfiguredIdIsUsedAsItIs() {
        assertEquals("till-node-2", PollerNode.id(" till-node-2 ", "root"));
    }

    @Test
    void withoutOneTheKarafNameGetsASuffixNewAtEveryStart() {
        String first = PollerNode.id(null, "root");
        String second = PollerNode.id("", "root");
        assertTrue(first.matches("root-[0-9a-f]{8}"), first);
        assertNotEquals(first, second);
        assertTrue(PollerNode.id(null, null).startsWith("node-"));
        assertTrue(PollerNode.id(null, "k".repeat(200)).length() <= 100);
    }

    @Test
    void aConfiguredIdLongerThanTheLedgerKeepsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> PollerNode.id("n".repeat(101), "root"));
    }
}
