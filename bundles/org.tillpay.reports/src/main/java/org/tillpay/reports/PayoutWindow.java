package org.tillpay.reports;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * When a sale not settled yet is expected in a payout: from {@code earliest} to {@code latest}, counted in bank days
 * (Monday to Friday; public holidays are not known here) after the day the POS took the money, by payment method.
 * These are estimates from the providers' usual settlement terms (Vipps MobilePay and cards a few days, Swish the
 * next day, Klarna about a week or two, Walley and Billie up to a month); a card payout below Dintero's sales buffer
 * is postponed beyond them (API.md &sect;10.1). A sale past its window is worth a look.
 *
 * @param earliest the first expected payout date
 * @param latest the last expected payout date
 */
public record PayoutWindow(LocalDate earliest, LocalDate latest) {

    /** Checks the dates. */
    public PayoutWindow {
        Objects.requireNonNull(earliest, "earliest");
        Objects.requireNonNull(latest, "latest");
        if (latest.isBefore(earliest)) {
            throw new IllegalArgumentException("latest " + latest + " is before earliest " + earliest);
        }
    }

    /**
     * @param paymentProductType Dintero's payment product type ({@code vipps}, {@code dintero_psp.creditcard},
     *        {@code klarna.klarna}, {@code collector.invoice}, ...), or null when unknown
     * @param takenOn the day the POS took the money (UTC)
     * @return the expected payout window
     */
    public static PayoutWindow expected(String paymentProductType, LocalDate takenOn) {
        String type = paymentProductType == null ? "" : paymentProductType.toLowerCase(Locale.ROOT);
        int[] days;
        if (type.startsWith("vipps") || type.startsWith("mobilepay")) {
            days = new int[] {2, 3};
        } else if (type.startsWith("swish")) {
            days = new int[] {1, 2};
        } else if (type.startsWith("klarna")) {
            days = new int[] {5, 14};
        } else if (type.startsWith("collector") || type.startsWith("walley") || type.startsWith("billie")) {
            days = new int[] {5, 23};
        } else {
            days = new int[] {1, 3}; // cards, Apple Pay and Google Pay through the card acquirer, and the rest
        }
        return new PayoutWindow(bankDaysAfter(takenOn, days[0]), bankDaysAfter(takenOn, days[1]));
    }

    /**
     * @param line a line of a reconciliation
     * @return the window of a sale not settled yet (from its sale day, UTC); empty for the other outcomes
     */
    public static java.util.Optional<PayoutWindow> of(org.tillpay.ledger.settlement.ReconciliationLine line) {
        if (line.outcome() != org.tillpay.ledger.settlement.ReconciliationLine.Outcome.NOT_YET_SETTLED
                || line.soldAt() == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(expected(line.paymentProductType(),
                LocalDate.ofInstant(line.soldAt(), java.time.ZoneOffset.UTC)));
    }

    /** @return {@code earliest – latest} */
    @Override
    public String toString() {
        return earliest + " - " + latest;
    }

    private static LocalDate bankDaysAfter(LocalDate day, int count) {
        LocalDate d = day;
        for (int i = 0; i < count;) {
            d = d.plusDays(1);
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                i++;
            }
        }
        return d;
    }
}
