package org.tillpay.dintero.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.Test;
import org.tillpay.ledger.settlement.SettlementLine;

/** Reading Dintero's JSON settlement report one event at a time. */
class SettlementReportLinesTest {

    private static final String REPORT = "{\"settlement\":{\"id\":\"s1\",\"unknown\":{\"x\":[1,2]}},\"events\":["
            + "{\"transaction_id\":\"T1\",\"merchant_reference\":\"S-1/1\",\"store_id\":\"tau\","
            + "\"payment_product_type\":\"vipps\",\"event\":\"CAPTURE\",\"amount\":79700,\"fee\":1395,\"net\":78305,"
            + "\"currency\":\"NOK\",\"event_at\":\"2026-11-21T10:00:00Z\",\"something_new\":true},"
            + "{\"transaction_id\":\"T2\",\"event\":\"REFUND\",\"amount\":100,\"fee\":0,\"currency\":\"SEK\"}]}";

    private static List<SettlementLine> read(String report, String currency, boolean only) {
        List<SettlementLine> lines = new ArrayList<>();
        try (SettlementReportLines it = new SettlementReportLines(report.getBytes(StandardCharsets.UTF_8), "s1",
                currency, only)) {
            it.forEachRemaining(lines::add);
            assertThrows(NoSuchElementException.class, it::next);
        }
        return lines;
    }

    @Test
    void eachEventBecomesALineAndUnknownFieldsAreSkipped() {
        List<SettlementLine> lines = read(REPORT, "NOK", false);
        assertEquals(2, lines.size());
        SettlementLine first = lines.get(0);
        assertEquals("T1", first.transactionId());
        assertEquals("S-1/1", first.merchantReference());
        assertEquals("tau", first.storeId());
        assertEquals(79700, first.amountMinor());
        assertEquals(1395, first.feeMinor());
        assertEquals(Instant.parse("2026-11-21T10:00:00Z"), first.eventAt());
        assertEquals(0, first.lineNo());
        assertEquals(-100, lines.get(1).signedAmountMinor());
        assertNull(lines.get(1).storeId());
        assertEquals(1, lines.get(1).lineNo());
    }

    @Test
    void aSettlementRowOfOneCurrencyTakesOnlyItsLines() {
        List<SettlementLine> sek = read(REPORT, "SEK", true);
        assertEquals(1, sek.size());
        assertEquals("T2", sek.get(0).transactionId());
    }

    @Test
    void anEmptyOrEventlessReportHasNoLines() {
        assertFalse(new SettlementReportLines(new byte[0], "s1", "NOK", false).hasNext());
        assertEquals(0, read("{\"settlement\":{}}", "NOK", false).size());
    }
}
