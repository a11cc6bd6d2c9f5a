package org.tillpay.dintero.internal.mail;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

import org.tillpay.ledger.settlement.Settlement;

/**
 * A settlement (payout) report e-mailed to a store's recipient: a plain-text summary of the payout (provider, payout
 * date, status, captured, refunded, fees, paid out) with the files Dintero attached to it.
 *
 * @param storeId the sending store, for the log
 * @param recipient the one address it goes to
 * @param settlement the settlement
 * @param files the attached files, in order
 */
public record SettlementReportEmail(String storeId, String recipient, Settlement settlement, List<File> files) {

    /** Checks the fields and copies the list. */
    public SettlementReportEmail {
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(settlement, "settlement");
        files = List.copyOf(files);
    }

    /**
     * An attached file.
     *
     * @param fileName its name
     * @param contentType its media type
     * @param bytes its content
     */
    public record File(String fileName, String contentType, byte[] bytes) {

        /** Checks the fields. */
        public File {
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    /** @return {@code Dintero payout <provider> <date>: <amount> <currency> (<status>)} */
    public String subject() {
        Settlement s = settlement;
        return "Dintero payout " + s.provider() + " " + s.settledAt() + ": " + amount(s.amountMinor()) + " ("
                + s.paymentStatus() + ")";
    }

    /** @return the summary, one figure per line */
    public String text() {
        Settlement s = settlement;
        StringBuilder t = new StringBuilder(512);
        t.append("A new Dintero settlement for store ").append(storeId).append(".\n\n");
        t.append("Settlement:      ").append(s.settlementId()).append('\n');
        t.append("Account:         ").append(s.accountId()).append('\n');
        t.append("Provider:        ").append(s.provider()).append('\n');
        if (s.providerReference() != null) {
            t.append("Provider ref.:   ").append(s.providerReference()).append('\n');
        }
        t.append("Payout date:     ").append(s.settledAt()).append('\n');
        t.append("Status:          ").append(s.paymentStatus()).append('\n');
        t.append("Captured:        ").append(amount(s.captureMinor())).append('\n');
        t.append("Refunded:        ").append(amount(s.refundMinor())).append('\n');
        t.append("Fees:            ").append(amount(s.feeMinor())).append('\n');
        t.append("Paid out:        ").append(amount(s.amountMinor())).append("\n\n");
        if (files.isEmpty()) {
            t.append("Dintero attached no files to this settlement.\n");
        } else {
            t.append("Attached: the provider's source file and Dintero's normalised report as Dintero delivered them:\n");
            files.forEach(f -> t.append("  ").append(f.fileName()).append(" (").append(f.bytes().length)
                    .append(" bytes)\n"));
        }
        if ("postponed".equals(s.paymentStatus())) {
            t.append("\nThe payout is postponed: it is not paid yet, so it should not match a bank line yet.\n");
        }
        return t.toString();
    }

    private String amount(long minor) {
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(settlement.currency()).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            digits = 2;
        }
        return BigDecimal.valueOf(minor, digits).toPlainString() + " " + settlement.currency();
    }

    @Override
    public String toString() {
        return "SettlementReportEmail[store " + storeId + ", settlement " + settlement.settlementId() + ", "
                + files.size() + " files]";
    }
}
