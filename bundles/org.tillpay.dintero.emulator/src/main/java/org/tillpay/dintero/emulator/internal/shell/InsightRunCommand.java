package org.tillpay.dintero.emulator.internal.shell;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.tillpay.dintero.emulator.DinteroInsightEmulator;

/**
 * {@code dintero-emulator:insight-run}: plays Dintero's report scheduler for an account's Insight report
 * configurations with one schedule, and prints the reports generated.
 */
@Command(scope = "dintero-emulator", name = "insight-run", description = "Generates the Dintero emulator's Insight "
        + "reports for an account's report configurations with the given schedule (for the last completed day, week "
        + "or month on the emulator's clock) and prints them.")
@Service
public class InsightRunCommand implements Action {

    @Reference
    DinteroInsightEmulator insight;

    @Argument(index = 0, name = "account-id", required = true, description = "The account, for example T12345678")
    String accountId;

    @Argument(index = 1, name = "schedule", required = true, description = "daily, weekly or monthly")
    @Completion(value = StringsCompleter.class, values = {"daily", "weekly", "monthly"})
    String schedule;

    @Override
    public Object execute() {
        try {
            List<String> ids = insight.runInsightReports(accountId, schedule.trim().toLowerCase(Locale.ROOT));
            if (ids.isEmpty()) {
                System.out.println("No " + schedule + " insight report configurations for " + accountId);
                return null;
            }
            Map<Object, Map<String, Object>> byId = new HashMap<>();
            insight.insightReports(accountId).forEach(r -> byId.put(r.get("id"), r));
            print(ids.stream().map(byId::get).toList());
        } catch (RuntimeException e) {
            System.err.println("Error: " + e.getMessage());
        }
        return null;
    }

    /** Prints report metadata as the control API returns it. */
    static void print(List<Map<String, Object>> reports) {
        ShellTable table = new ShellTable().emptyTableText("No reports");
        table.column("Report");
        table.column("Configuration");
        table.column("Schedule");
        table.column("Content type");
        table.column("Data from");
        table.column("Data to");
        table.column("File");
        for (Map<String, Object> r : reports) {
            table.addRow().addContent(r.get("id"), r.get("custom_report_name"), r.get("schedule"),
                    r.get("content_type"), r.get("data_from"), r.get("data_to"), r.get("report_file_name"));
        }
        table.print(System.out);
    }
}
