package org.tillpay.dintero.emulator.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.tillpay.dintero.emulator.DinteroEmulator;
import org.tillpay.dintero.emulator.SessionSummary;

/**
 * {@code dintero-emulator:sessions}: lists the emulator's checkout sessions, and can make the answer to the next
 * session creation get lost.
 */
@Command(scope = "dintero-emulator", name = "sessions", description = "Lists the Dintero emulator's sessions; "
        + "--lose makes the answer to the next session creation get lost.")
@Service
public class SessionsCommand implements Action {

    @Reference
    DinteroEmulator emulator;

    @Option(name = "--lose", description = "The next session creation (any account) happens, but its answer is lost "
            + "(504, empty body)")
    boolean lose;

    @Override
    public Object execute() {
        if (lose) {
            emulator.loseNextSessionResponse();
            System.out.println("The answer to the next session creation is lost (504)");
        }
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
