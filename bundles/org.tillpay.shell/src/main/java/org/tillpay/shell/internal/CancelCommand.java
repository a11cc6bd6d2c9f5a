package org.tillpay.shell.internal;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code tillpay:cancel}: the cashier cancels a payment that is not captured; the sale is free again. */
@Service
@Command(scope = "tillpay", name = "cancel", description = "Cancels a waiting or authorized payment (the customer is not charged)")
public class CancelCommand extends PaymentActionCommand {

    @Override
    public Object execute() throws Exception {
        try {
            PaymentPrinter.print(methodOfPayment().cancelPayment(paymentId).toCompletableFuture().get(40, TimeUnit.SECONDS),
                    System.out);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Failed: " + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()), null);
        }
        return null;
    }
}
