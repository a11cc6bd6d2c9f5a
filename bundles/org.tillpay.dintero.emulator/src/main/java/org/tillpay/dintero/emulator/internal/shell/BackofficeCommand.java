package org.tillpay.dintero.emulator.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.tillpay.dintero.emulator.DinteroEmulator;

/** {@code dintero-emulator:backoffice}: captures, refunds or voids a transaction as from Dintero's back office. */
@Command(scope = "dintero-emulator", name = "backoffice", description = "Captures, refunds or voids a Dintero "
        + "emulator transaction as Dintero's back office would (created_by backoffice; report_event callbacks).")
@Service
public class BackofficeCommand implements Action {

    @Reference
    DinteroEmulator emulator;

    @Option(name = "--capture", description = "Amount to capture, minor units")
    Long capture;

    @Option(name = "--refund", description = "Amount to refund, minor units")
    Long refund;

    @Option(name = "--void", description = "Void the uncaptured remainder")
    boolean voidRest;

    @Argument(index = 0, name = "transaction-id", required = true, description = "The transaction id")
    String transactionId;

    @Override
    public Object execute() {
        try {
            int chosen = (capture != null ? 1 : 0) + (refund != null ? 1 : 0) + (voidRest ? 1 : 0);
            if (chosen != 1) {
                throw new IllegalArgumentException("give exactly one of --capture, --refund and --void");
            }
            String eventId = capture != null ? emulator.backofficeCapture(transactionId, capture)
                    : refund != null ? emulator.backofficeRefund(transactionId, refund)
                    : emulator.backofficeVoid(transactionId);
            String status = emulator.transaction(transactionId).map(t -> String.valueOf(t.get("status"))).orElse("?");
            System.out.println("Event " + eventId + "; transaction " + transactionId + " is now " + status);
        } catch (RuntimeException e) {
            System.err.println("Error: " + e.getMessage());
        }
        return null;
    }
}
