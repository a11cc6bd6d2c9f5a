package org.tillpay.ledger.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tillpay.ledger.PaymentTransitions;
import org.tillpay.payment.api.PaymentStatus;

/** Checks every (from, to) pair of {@link PaymentTransitions} against a table written out by hand. */
class PaymentTransitionsTest {

    /** Columns, in this order: the "to" status. */
    private static final List<String> COLUMNS = List.of("CREATED", "LINK_SENT", "OPENED", "INITIATED", "ON_HOLD",
            "AUTHORIZED", "PARTIALLY_CAPTURED", "PARTIALLY_CAPTURED_REFUNDED", "CAPTURED", "PARTIALLY_REFUNDED",
            "REFUNDED", "DECLINED", "FAILED", "CANCELLED", "EXPIRED", "UNKNOWN");

    /** Rows: the "from" status, then x where the transition is allowed. */
    private static final String[] TABLE = {
        //                           CR LS OP IN OH AU PC PR CA PF RE DE FA CN EX UN
        "CREATED                     .  x  x  x  x  x  .  .  x  .  .  x  x  x  x  x",
        "LINK_SENT                   .  .  x  x  x  x  .  .  x  .  .  x  x  x  x  x",
        "OPENED                      .  .  .  x  x  x  .  .  x  .  .  x  x  x  x  x",
        "INITIATED                   .  .  .  .  x  x  .  .  x  .  .  x  x  x  x  x",
        "ON_HOLD                     .  .  .  .  .  x  .  .  x  .  .  x  x  x  .  .",
        "AUTHORIZED                  .  .  .  .  .  .  x  .  x  .  .  .  .  x  .  .",
        "PARTIALLY_CAPTURED          .  .  .  .  .  .  .  x  x  .  .  .  .  x  .  .",
        "PARTIALLY_CAPTURED_REFUNDED .  .  .  .  .  .  .  .  x  x  x  .  .  .  .  .",
        "CAPTURED                    .  .  .  .  .  .  .  .  .  x  x  .  .  .  .  .",
        "PARTIALLY_REFUNDED          .  .  .  .  .  .  .  .  .  .  x  .  .  .  .  .",
        "REFUNDED                    .  .  .  .  .  .  .  .  .  .  .  .  .  .  .  .",
        "DECLINED                    .  .  .  .  .  .  .  .  .  .  .  .  .  .  .  .",
        "FAILED                      .  .  .  .  .  .  .  .  .  .  .  .  .  .  .  .",
        "CANCELLED                   .  .  .  .  .  .  .  .  .  .  .  .  .  .  .  .",
        "EXPIRED                     .  .  .  .  .  .  .  .  .  .  .  .  .  .  .  .",
        "UNKNOWN                     .  .  .  .  x  x  .  .  x  .  .  x  x  x  .  .",
    };

    @Test
    void tableCoversEveryStatus() {
        List<String> names = Arrays.stream(PaymentStatus.values()).map(Enum::name).toList();
        assertEquals(names, COLUMNS);
        assertEquals(names, Arrays.stream(TABLE).map(row -> row.split("\\s+")[0]).toList());
    }

    @Test
    void everyPairMatchesTheTable() {
        List<String> mismatches = new ArrayList<>();
        int allowed = 0;
        for (String row : TABLE) {
            String[] cells = row.split("\\s+");
            PaymentStatus from = PaymentStatus.valueOf(cells[0]);
            for (int i = 0; i < COLUMNS.size(); i++) {
                PaymentStatus to = PaymentStatus.valueOf(COLUMNS.get(i));
                boolean expected = "x".equals(cells[i + 1]);
                allowed += expected ? 1 : 0;
                if (PaymentTransitions.isAllowed(from, to) != expected) {
                    mismatches.add(from + " -> " + to + " expected " + (expected ? "allowed" : "refused"));
                }
            }
        }
        assertEquals(List.of(), mismatches);
        assertEquals(61, allowed, "allowed transitions in the table");
    }

    @Test
    void sameStatusIsNeverAllowedAndTerminalUnpaidStatusesAreFinal() {
        for (PaymentStatus s : PaymentStatus.values()) {
            assertFalse(PaymentTransitions.isAllowed(s, s), s.name());
            if (s.isTerminal() && !s.isPaid()) {
                for (PaymentStatus to : PaymentStatus.values()) {
                    assertFalse(PaymentTransitions.isAllowed(s, to), s + " -> " + to);
                }
            }
        }
    }
}
