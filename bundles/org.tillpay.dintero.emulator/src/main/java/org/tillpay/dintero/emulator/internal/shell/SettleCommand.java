package org.tillpay.dintero.emulator.internal.shell;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.tillpay.dintero.emulator.DinteroSettlementsEmulator;

/** {@code dintero-emulator:settle}: pays out an account's unsettled captures and refunds, one settlement a provider. */
@Command(scope = "dintero-emulator", name = "settle", description = "Creates the Dintero emulator's settlements "
        + "(payouts) for an account's captures and refunds not settled yet, and prints them.")
@Service
public class SettleCommand implements Action {

    @Reference
    DinteroSettlementsEmulator settlements;

    @Option(name = "--date", description = "Payout date (settled_at), yyyy-mm-dd; today on the emulator's clock "
            + "when left out")
    String date;

    @Argument(index = 0, name = "account-id", required = true, description = "The account, for example T12345678")
    String accountId;

    @Override
    public Object execute() {
        try {
            LocalDate payoutDate = date == null ? null : LocalDate.parse(date.trim());
            List<String> ids = settlements.settle(accountId, payoutDate);
            if (ids.isEmpty()) {
                System.out.println("Nothing to settle for " + accountId);
                return null;
            }
            List<Map<String, Object>> created = settlements.settlements(accountId).stream()
                    .filter(s -> ids.contains(s.get("id"))).toList();
            SettlementsCommand.print(created);
        } catch (DateTimeParseException e) {
            System.err.println("Error: --date must be yyyy-mm-dd, was " + date);
        } catch (RuntimeException e) {
            System.err.println("Error: " + e.getMessage());
        }
        return null;
    }
}
