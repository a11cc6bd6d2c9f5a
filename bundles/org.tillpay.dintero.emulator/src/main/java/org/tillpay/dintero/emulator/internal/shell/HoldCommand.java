package org.tillpay.dintero.emulator.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.tillpay.dintero.emulator.DinteroEmulator;

/** {@code dintero-emulator:hold}: Walley ends its review of a transaction ON_HOLD. */
@Command(scope = "dintero-emulator", name = "hold", description = "Resolves a Walley transaction ON_HOLD: approves "
        + "it (AUTHORIZED) or, with --reject, fails it; a second callback follows.")
@Service
public class HoldCommand implements Action {

    @Reference
    DinteroEmulator emulator;

    @Option(name = "--reject", description = "Reject (FAILED) instead of approving")
    boolean reject;

    @Argument(index = 0, name = "transaction-id", required = true, description = "The transaction id")
    String transactionId;

    @Override
    public Object execute() {
        try {
            emulator.resolveHold(transactionId, !reject);
            System.out.println("Transaction " + transactionId + " " + (reject ? "rejected" : "approved"));
        } catch (RuntimeException e) {
            System.err.println("Error: " + e.getMessage());
        }
        return null;
    }
}
