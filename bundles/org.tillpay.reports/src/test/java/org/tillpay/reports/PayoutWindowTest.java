package org.tillpay.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class PayoutWindowTest {

    private static final LocalDate FRIDAY = LocalDate.of(2026, 11, 20);

    @Test
    void bankDaysSkipTheWeekend() {
        assertEquals("2026-11-24 - 2026-11-25", PayoutWindow.expected("vipps", FRIDAY).toString());
        assertEquals("2026-11-23 - 2026-11-25", PayoutWindow.expected("dintero_psp.creditcard", FRIDAY).toString());
        assertEquals("2026-11-23 - 2026-11-24", PayoutWindow.expected("swish.swish", FRIDAY).toString());
        assertEquals(new PayoutWindow(LocalDate.of(2026, 11, 27), LocalDate.of(2026, 12, 10)),
                PayoutWindow.expected("klarna.klarna", FRIDAY));
        assertEquals(LocalDate.of(2026, 12, 23), PayoutWindow.expected("collector.invoice", FRIDAY).latest());
        assertEquals(PayoutWindow.expected("card", FRIDAY), PayoutWindow.expected(null, FRIDAY));
        assertEquals(LocalDate.of(2026, 11, 24), PayoutWindow.expected("vipps", LocalDate.of(2026, 11, 22))
                .earliest(), "a Sunday sale: two bank days from Monday");
    }

    @Test
    void aWindowEndsAfterItStarts() {
        assertThrows(IllegalArgumentException.class, () -> new PayoutWindow(FRIDAY, FRIDAY.minusDays(1)));
    }
}
