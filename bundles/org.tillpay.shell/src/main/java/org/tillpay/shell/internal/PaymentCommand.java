package org.tillpay.shell.internal;

import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.osgi.framework.BundleContext;
import org.tillpay.payment.api.PaymentHandle;
import org.tillpay.payment.api.PaymentMethod;

/** {@code tillpay:payment}: a payment's status and history; {@code --refresh} asks Dintero first. */
@Service
@Command(scope = "tillpay", name = "payment", description = "Shows a payment's status and history")
public class PaymentCommand implements Action {

    @Reference
    BundleContext context;

    @Argument(index = 0, name = "payment-id", required = true, description = "The payment id printed by tillpay:sale")
    String paymentId;

    @Option(name = "--refresh", description = "Read the payment back from the provider first (the till's 'check status')")
    boolean refresh;

    @Override
    public Object execute() throws Exception {
        for (PaymentMethod method : PaymentMethods.all(context)) {
            Optional<PaymentHandle> found = method.findPayment(paymentId);
            if (found.isPresent()) {
                PaymentHandle p = found.get();
                if (refresh) {
                    try {
                        p = method.refreshPayment(paymentId).toCompletableFuture().get(40, TimeUnit.SECONDS);
                    } catch (ExecutionException e) {
                        System.err.println("Refresh failed, showing the last recorded state: "
                                + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
                    }
                }
                PaymentPrinter.print(p, System.out);
                PaymentPrinter.printHistory(p, System.out);
                PaymentPrinter.printOperations(p, System.out);
                return null;
            }
        }
        throw new IllegalArgumentException("No payment " + paymentId + " in any active store");
    }
}
