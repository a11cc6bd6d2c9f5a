package org.tillpay.dintero.emulator;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Control API for the emulator's Insight scheduled reports (API.md &sect;10.2), registered as an OSGi service by the
 * emulator bundle next to {@link DinteroEmulator} and {@link DinteroSettlementsEmulator} (the same object implements
 * all three; in tests {@code EmulatorServer.insight()}).
 *
 * <p>Dintero generates Insight reports on its own schedule; the emulator has no scheduler, so a test (or the shell
 * command {@code dintero-emulator:insight-run}) plays the scheduler with {@link #runInsightReports(String, String)}.
 * The reports are then listed by {@code GET /v1/accounts/{aid}/reports/metadata} and downloaded through their
 * {@code signed_url}, exactly as a merchant would. The emulator's README documents the report period, the CSV columns
 * and every decision where Dintero is unconfirmed. All methods are thread-safe; returned values are immutable
 * snapshots.
 *
 * @since 1.4
 */
@ProviderType
public interface DinteroInsightEmulator {

    /**
     * Plays Dintero's report scheduler: for every Insight report configuration of the account with the given
     * schedule (oldest first), generates the report for the last completed period before the emulator's clock (UTC):
     * {@code daily} yesterday, {@code weekly} the previous Monday to Sunday, {@code monthly} the previous calendar
     * month. The rows are the account's checkout transactions created in that period that match the configuration's
     * {@code reportFilters} ({@code store_id}, {@code payout_destination_id}). One report is generated per requested
     * content type ({@code text/csv}: a header and one row per transaction; {@code application/pdf}: the same rows
     * as a plain text PDF); reports of one configuration and run share a {@code report_job_id}. Every call generates
     * new reports, also for a period already reported.
     *
     * @param accountId the account, for example {@code T12345678}
     * @param schedule {@code daily}, {@code weekly} or {@code monthly}
     * @return the new reports' ids, in the order generated; empty when no configuration has that schedule
     * @throws java.util.NoSuchElementException when the account is not configured
     * @throws IllegalArgumentException when the schedule is not one of the three
     */
    List<String> runInsightReports(String accountId, String schedule);

    /**
     * The account's generated reports, newest first, each exactly as an item of
     * {@code GET /v1/accounts/{aid}/reports/metadata} shows it, with a freshly signed {@code signed_url}.
     *
     * @param accountId the account
     * @return the report metadata as nested maps and lists; empty when none
     */
    List<Map<String, Object>> insightReports(String accountId);

    /**
     * The account's Insight report configurations, oldest first, each exactly as
     * {@code GET /v1/accounts/{aid}/insight/reports/configuration/{id}} shows it.
     *
     * @param accountId the account
     * @return the configurations as nested maps and lists; empty when none
     */
    List<Map<String, Object>> insightConfigurations(String accountId);
}
