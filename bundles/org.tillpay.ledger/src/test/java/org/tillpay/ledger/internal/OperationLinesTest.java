package org.tillpay.ledger.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tillpay.ledger.OperationLineAmount;

/** The stored text form of an operation's lines, without a database. */
class OperationLinesTest {

    @Test
    void anyLineIdSurvivesTheRoundTrip() {
        List<OperationLineAmount> lines = List.of(new OperationLineAmount("L1", 2, 9000, 1800),
                new OperationLineAmount("a:b;c", 1, 0, 0), new OperationLineAmount("12:x;", 3, 150, 30),
                new OperationLineAmount("", 1, 5, 1), new OperationLineAmount("ø 😀", 1, 7, 1));
        String text = OperationLines.encode(lines);
        assertEquals("2:L1:2:9000:1800;", text.substring(0, 17));
        assertEquals(lines, OperationLines.decode(text));
    }

    @Test
    void noLinesIsNull() {
        assertNull(OperationLines.encode(List.of()));
        assertEquals(List.of(), OperationLines.decode(null));
        assertEquals(List.of(), OperationLines.decode(""));
    }

    @Test
    void malformedTextIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> OperationLines.decode("2:L1:2:9000;"));
        assertThrows(IllegalArgumentException.class, () -> OperationLines.decode("3:L1:2:9000:1800;"));
    }
}
