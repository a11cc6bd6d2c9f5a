package org.tillpay.ledger.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tillpay.ledger.settlement.Settlement;
import org.tillpay.ledger.settlement.SettlementFile;
import org.tillpay.ledger.settlement.SettlementLine;

/** Schema version 5 of the ledger's contract: a settlement's files, its lines read back, and its e-mail forwards. */
abstract class AbstractSettlementFilesTest extends AbstractSettlementReconciliationTest {

    private static final LocalDate PAID = LocalDate.of(2025, 4, 1);

    private static SettlementFile.Content file(String id, String name, String type, String by, String text) {
        return SettlementFile.Content.of(id, name, type, by, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void filesAreStoredWithTheSettlementAndReadBackByteForByte() {
        Settlement s = settlement("files", "vipps", "paid", PAID, 10_000, 0, 150);
        byte[] big = new byte[300_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        List<SettlementFile.Content> files = List.of(
                file("att_src", "vipps-2025-04-01.csv", "text/csv", "vipps", "Date;Amount\n2025-04-01;100,00\n"),
                SettlementFile.Content.of("att_bin", "report.pdf", "application/pdf", "dintero", big),
                file("att_json", "report.json", "application/json", "dintero", "{\"items\":[]}"));

        assertTrue(settlements.store(s, List.of(line("files", 0, "T-1", "CAPTURE", 10_000, 150)).iterator(),
                files));

        List<SettlementFile> stored = settlements.files(s.settlementId());
        assertEquals(List.of("att_bin", "att_json", "att_src"),
                stored.stream().map(SettlementFile::attachmentId).toList(), "Dintero's first, then by id");
        assertTrue(stored.get(0).fromDintero());
        assertFalse(stored.get(2).fromDintero());
        assertEquals(300_000, stored.get(0).sizeBytes());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals("report.pdf", settlements.copyFile(s.settlementId(), "att_bin", out).orElseThrow().fileName());
        assertArrayEquals(big, out.toByteArray());
        out.reset();
        settlements.copyFile(s.settlementId(), "att_src", out);
        assertEquals("Date;Amount\n2025-04-01;100,00\n", out.toString(StandardCharsets.UTF_8));
        assertTrue(settlements.copyFile(s.settlementId(), "nope", out).isEmpty());
        assertTrue(settlements.copyFile(id("other"), "att_src", out).isEmpty());
    }

    @Test
    void aSettlementStoredAgainKeepsItsFirstFiles() {
        Settlement s = settlement("again", "payex", "postponed", PAID, 5_000, 0, 100);
        settlements.store(s, List.<SettlementLine>of().iterator(),
                List.of(file("a1", "first.csv", "text/csv", "payex", "first")));

        assertFalse(settlements.store(settlement("again", "payex", "paid", PAID, 5_000, 0, 100),
                List.<SettlementLine>of().iterator(), List.of(file("a2", "second.csv", "text/csv", "payex", "x"))));

        assertEquals(List.of("a1"), settlements.files(s.settlementId()).stream()
                .map(SettlementFile::attachmentId).toList());
        assertEquals("paid", settlements.settlement(s.settlementId()).orElseThrow().paymentStatus());
    }

    @Test
    void twoFilesWithOneIdStoreNothing() {
        Settlement s = settlement("dupfile", "vipps", "paid", PAID, 100, 0, 1);
        List<SettlementFile.Content> files = List.of(file("same", "a.csv", "text/csv", "vipps", "a"),
                file("same", "b.csv", "text/csv", "vipps", "b"));

        assertThrows(IllegalArgumentException.class, () -> settlements.store(s,
                List.of(line("dupfile", 0, "T-1", "CAPTURE", 100, 1)).iterator(), files));

        assertFalse(settlements.isStored(s.settlementId()));
        assertTrue(settlements.settlement(s.settlementId()).isEmpty());
    }

    @Test
    void linesAreReadBackInReportOrder() {
        Settlement s = settlement("lines", "vipps", "paid", PAID, 700, 100, 14);
        List<SettlementLine> lines = List.of(line("lines", 0, "T-b", "CAPTURE", 500, 10),
                line("lines", 1, "T-a", "CAPTURE", 300, 4), line("lines", 2, "T-b", "REFUND", 100, 0));
        settlements.store(s, lines.iterator());

        List<SettlementLine> read = new ArrayList<>();
        settlements.lines(s.settlementId(), read::add);

        assertEquals(lines, read);
    }

    @Test
    void aStoreForwardsEachSettlementOfItsOwnOrNoStoreUntilRecorded() {
        Settlement mine = new Settlement(id("fw-mine"), account, store, "vipps", null, "paid", "NOK", 100, 0, 1, 99,
                PAID, null, null, null);
        Settlement shared = settlement("fw-shared", "payex", "paid", PAID, 200, 0, 2);
        Settlement theirs = new Settlement(id("fw-theirs"), account, store + "-other", "vipps", null, "paid", "NOK",
                100, 0, 1, 99, PAID, null, null, null);
        for (Settlement s : List.of(mine, shared, theirs)) {
            settlements.store(s, List.<SettlementLine>of().iterator());
        }

        assertEquals(List.of(mine.settlementId(), shared.settlementId()), ids(settlements.awaitingForward(account,
                store, FETCHED.minusSeconds(1))));
        assertEquals(List.of(), settlements.awaitingForward(account, store, FETCHED.plusSeconds(1)),
                "fetched before the window");

        settlements.recordForward(mine.settlementId(), store, "books@example.com", FETCHED.plusSeconds(5));
        settlements.recordForward(mine.settlementId(), store, "books@example.com", FETCHED.plusSeconds(9));

        assertEquals(List.of(shared.settlementId()), ids(settlements.awaitingForward(account, store,
                FETCHED.minusSeconds(1))));
        assertEquals(List.of(shared.settlementId(), theirs.settlementId()), ids(settlements.awaitingForward(account,
                store + "-other", FETCHED.minusSeconds(1))), "another store forwards for itself");
    }

    private static List<String> ids(List<Settlement> list) {
        return list.stream().map(Settlement::settlementId).toList();
    }
}
