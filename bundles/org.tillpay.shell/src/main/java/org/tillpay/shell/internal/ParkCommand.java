package org.tillpay.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code tillpay:park}: parks a sale "Awaiting payment"; it completes by itself when the customer pays. */
@Service
@Command(scope = "tillpay", name = "park", description = "Parks a sale \"Awaiting payment\": it completes by itself")
public class ParkCommand extends PaymentActionCommand {

    @Override
    public Object execute() {
        PaymentPrinter.print(methodOfPayment().parkPayment(paymentId), System.out);
        return null;
    }
}
