package org.tillpay.dintero.emulator.internal.shell;

import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.tillpay.dintero.emulator.DinteroSettlementsEmulator;

/** {@code dintero-emulator:settlements}: lists an account's settlements, one row per settlement and currency. */
@Command(scope = "dintero-emulator", name = "settlements", description = "Lists the Dintero emulator's settlements "
        + "(payouts) of an account: provider, payout date, net amount, fee and payment status.")
@Service
public class SettlementsCommand implements Action {

    @Reference
    DinteroSettlementsEmulator settlements;

    @Argument(index = 0, name = "account-id", required = true, description = "The account, for example T12345678")
    String accountId;

    @Override
    public Object execute() {
        print(settlements.settlements(accountId));
        return null;
    }

    /** Prints settlements as the control API returns them; amounts in minor units. */
    static void print(List<Map<String, Object>> items) {
        ShellTable table = new ShellTable().emptyTableText("No settlements");
        table.column("Settlement");
        table.column("Provider");
        table.column("Reference");
        table.column("Settled at");
        table.column("Status");
        table.column("Currency");
        table.column("Capture").alignRight();
        table.column("Refund").alignRight();
        table.column("Fee").alignRight();
        table.column("Net").alignRight();
        table.column("Store");
        for (Map<String, Object> s : items) {
            for (Object a : (List<?>) s.get("amounts")) {
                Map<?, ?> amount = (Map<?, ?>) a;
                table.addRow().addContent(s.get("id"), s.get("provider"), s.get("provider_reference"),
                        s.get("settled_at"), s.get("payment_status"), amount.get("currency"), amount.get("capture"),
                        amount.get("refund"), amount.get("fee"), amount.get("amount"),
                        s.getOrDefault("store_id", ""));
            }
        }
        table.print(System.out);
    }
}
