package org.tillpay.dintero.emulator.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.tillpay.dintero.emulator.DinteroEmulator;
import org.tillpay.dintero.emulator.SessionSummary;

/** {@code dintero-emulator:sessions}: lists the emulator's checkout sessions. */
@Command(scope = "dintero-emulator", name = "sessions", description = "Lists the Dintero emulator's sessions.")
@Service
public class SessionsCommand implements Action {

    @Reference
    DinteroEmulator emulator;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable().emptyTableText("No sessions");
        table.column("Session");
        table.column("Account");
        table.column("Merchant reference");
        table.column("Amount").alignRight();
        table.column("Currency");
        table.column("Status");
        table.column("Transaction");
        for (SessionSummary s : emulator.sessions()) {
            table.addRow().addContent(s.sessionId(), s.accountId(), s.merchantReference(), s.amount(), s.currency(),
                    s.status(), s.transactionId() == null ? "" : s.transactionId());
        }
        table.print(System.out);
        return null;
    }
}
