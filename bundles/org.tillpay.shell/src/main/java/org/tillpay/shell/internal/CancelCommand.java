package org.tillpay.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code tillpay:cancel}: the cashier cancels a payment that is not captured; the sale is free again. */
@Service
@Command(scope = "tillpay", name = "cancel", description = "Cancels a waiting or authorized payment, or releases what is left after a partial capture")
public class CancelCommand extends PaymentActionCommand {

    @Option(name = "--by", description = "Who asks (staff id), kept in the audit trail")
    String requestedBy = "shell";

    @Override
    public Object execute() throws Exception {
        OperationCommand.printOutcome(methodOfPayment().cancelPayment(paymentId, requestedBy));
        return null;
    }
}
