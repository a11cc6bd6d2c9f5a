package org.tillpay.dintero.emulator.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.tillpay.dintero.emulator.DinteroEmulator;
import org.tillpay.dintero.emulator.OutboxMessage;

/** {@code dintero-emulator:outbox}: lists the SMS/push payment-link messages the emulator was asked to publish. */
@Command(scope = "dintero-emulator", name = "outbox",
        description = "Lists the payment-link SMS/push messages the Dintero emulator was asked to publish.")
@Service
public class OutboxCommand implements Action {

    @Reference
    DinteroEmulator emulator;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable().emptyTableText("Outbox is empty");
        table.column("At");
        table.column("Session");
        table.column("Channel");
        table.column("Phone");
        table.column("Status");
        table.column("Link");
        for (OutboxMessage m : emulator.outbox()) {
            table.addRow().addContent(m.at(), m.sessionId(), m.channel(),
                    m.phoneNumber() == null ? "" : m.phoneNumber(), m.status(), m.link());
        }
        table.print(System.out);
        return null;
    }
}
