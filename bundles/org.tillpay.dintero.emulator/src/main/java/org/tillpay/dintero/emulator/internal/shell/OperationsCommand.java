package org.tillpay.dintero.emulator.internal.shell;

import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.tillpay.dintero.emulator.DinteroEmulator;
import org.tillpay.dintero.emulator.OperationMode;

/**
 * {@code dintero-emulator:operations}: how capture, refund and void are answered (sync or async), completes the
 * accepted ones, and injects failures or lost answers.
 */
@Command(scope = "dintero-emulator", name = "operations", description = "Shows or sets how the Dintero emulator "
        + "answers capture/refund/void (sync or async), completes pending ones, injects failures and lost answers.")
@Service
public class OperationsCommand implements Action {

    @Reference
    DinteroEmulator emulator;

    @Option(name = "--mode", description = "sync (200 at once) or async (202, completed by --complete)")
    @Completion(value = StringsCompleter.class, values = {"sync", "async"})
    String mode;

    @Option(name = "--complete", description = "Complete every operation accepted in async mode")
    boolean complete;

    @Option(name = "--fail", description = "Transaction id whose next operation fails at the provider")
    String fail;

    @Option(name = "--message", description = "The error message for --fail")
    String message = "operation failed at the provider";

    @Option(name = "--lose", description = "Transaction id whose next operation's answer is lost (504)")
    String lose;

    @Override
    public Object execute() {
        try {
            if (mode != null) {
                emulator.setOperationMode(OperationMode.valueOf(mode.trim().toUpperCase(Locale.ROOT)));
            }
            if (fail != null) {
                emulator.failNextOperation(fail, message);
                System.out.println("The next operation on " + fail + " fails: " + message);
            }
            if (lose != null) {
                emulator.loseNextOperationResponse(lose);
                System.out.println("The answer to the next operation on " + lose + " is lost (504)");
            }
            if (complete) {
                System.out.println("Completed " + emulator.completePendingOperations() + " pending operation(s)");
            }
            System.out.println("Operation mode: " + emulator.operationMode());
        } catch (RuntimeException e) {
            System.err.println("Error: " + e.getMessage());
        }
        return null;
    }
}
