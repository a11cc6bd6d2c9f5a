package org.tillpay.dintero.internal.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a store's reports go: the recipient each new settlement (payout) report is e-mailed to, through the store's
 * own SMTP server, and the Insight report Dintero makes on a schedule.
 *
 * @param forwardTo the one address every new settlement report is e-mailed to; empty for none
 * @param insightSchedule {@code daily}, {@code weekly} or {@code monthly}: Dintero makes an Insight report of the
 *        store's transactions on that schedule; empty for none
 * @param insightEmails the addresses Dintero e-mails the Insight report to (may be empty: Tillpay lists and
 *        downloads the reports either way)
 */
public record ReportSettings(Optional<String> forwardTo, Optional<String> insightSchedule, List<String> insightEmails) {

    /** The Insight schedules Dintero offers (API.md &sect;10.2). */
    public static final Set<String> SCHEDULES = Set.of("daily", "weekly", "monthly");

    /** An e-mail address: a local part and a host name with at least one dot. */
    static final Pattern ADDRESS = Pattern.compile("[^@\\s<>\"(),;:]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}"
            + "[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    /** Copies the list. */
    public ReportSettings {
        insightEmails = List.copyOf(insightEmails);
    }

    static ReportSettings from(DinteroStoreConfig c) {
        String forward = blankToEmpty(c.settlement_report_email());
        if (!forward.isEmpty()) {
            address("settlement.report.email", forward);
            if (blankToEmpty(c.smtp_host()).isEmpty()) {
                throw new InvalidStoreConfigException("settlement.report.email", "needs smtp.host: the store's own"
                        + " SMTP server sends the reports");
            }
        }
        String schedule = blankToEmpty(c.insight_report_schedule()).toLowerCase(java.util.Locale.ROOT);
        if (!schedule.isEmpty() && !SCHEDULES.contains(schedule)) {
            throw new InvalidStoreConfigException("insight.report.schedule", "must be daily, weekly or monthly (or"
                    + " empty for none), was '" + schedule + "'");
        }
        List<String> emails = new ArrayList<>();
        for (String e : blankToEmpty(c.insight_report_emails()).split(",")) {
            if (!e.isBlank()) {
                emails.add(address("insight.report.emails", e.strip()));
            }
        }
        if (!emails.isEmpty() && schedule.isEmpty()) {
            throw new InvalidStoreConfigException("insight.report.emails", "needs insight.report.schedule");
        }
        return new ReportSettings(forward.isEmpty() ? Optional.empty() : Optional.of(forward),
                schedule.isEmpty() ? Optional.empty() : Optional.of(schedule), emails);
    }

    private static String address(String key, String value) {
        if (!ADDRESS.matcher(value).matches()) {
            throw new InvalidStoreConfigException(key, "must be an e-mail address such as books@store.example.com,"
                    + " was '" + value + "'");
        }
        return value;
    }

    private static String blankToEmpty(String value) {
        return value == null ? "" : value.strip();
    }
}
