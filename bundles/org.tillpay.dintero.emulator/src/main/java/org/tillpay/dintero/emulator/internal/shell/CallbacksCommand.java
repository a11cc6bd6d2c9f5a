package org.tillpay.dintero.emulator.internal.shell;

import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.tillpay.dintero.emulator.CallbackDelivery;
import org.tillpay.dintero.emulator.CallbackMode;
import org.tillpay.dintero.emulator.DinteroEmulator;

/**
 * {@code dintero-emulator:callbacks}: lists callback deliveries, sets the callback fault mode, releases held
 * callbacks.
 */
@Command(scope = "dintero-emulator", name = "callbacks", description = "Lists the Dintero emulator's callback "
        + "deliveries; --mode drops, duplicates or holds callbacks from now on, --release sends held ones newest first.")
@Service
public class CallbacksCommand implements Action {

    @Reference
    DinteroEmulator emulator;

    @Option(name = "--mode", description = "normal, drop (never send), duplicate (send twice) or delay (hold until "
            + "--release)")
    @Completion(value = StringsCompleter.class, values = {"normal", "drop", "duplicate", "delay"})
    String mode;

    @Option(name = "--release", description = "Send the callbacks held in delay mode, newest first")
    boolean release;

    @Override
    public Object execute() {
        try {
            if (mode != null) {
                emulator.setCallbackMode(CallbackMode.valueOf(mode.trim().toUpperCase(Locale.ROOT)));
                System.out.println("Callback mode: " + emulator.callbackMode());
            }
            if (release) {
                System.out.println("Released " + emulator.releaseCallbacks() + " held callback(s)");
            }
            if (mode == null && !release) {
                print();
            }
        } catch (IllegalArgumentException e) {
            System.err.println("Error: unknown mode " + mode + "; use normal, drop, duplicate or delay");
        }
        return null;
    }

    private void print() {
        System.out.println("Callback mode: " + emulator.callbackMode());
        ShellTable table = new ShellTable().emptyTableText("No callbacks");
        table.column("At");
        table.column("Session");
        table.column("Outcome");
        table.column("Attempt").alignRight();
        table.column("HTTP").alignRight();
        table.column("Error");
        table.column("Method");
        table.column("URL");
        for (CallbackDelivery d : emulator.callbackDeliveries()) {
            table.addRow().addContent(d.at(), d.sessionId(), d.outcome(), d.attempt(),
                    d.httpStatus() == 0 ? "" : d.httpStatus(), d.error() == null ? "" : d.error(), d.method(),
                    d.url());
        }
        table.print(System.out);
    }
}
