package org.tillpay.shell.internal;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.osgi.framework.BundleContext;
import org.tillpay.dintero.api.operations.DinteroStoreOperations;
import org.tillpay.dintero.api.operations.StuckPayment;
import org.tillpay.payment.api.PaymentHandle;
import org.tillpay.payment.api.PaymentMethod;

/**
 * {@code tillpay:retry}: does for stuck payments at once what the poller would do in its next rounds (never sending an
 * operation twice), then shows each payment and what, if anything, it still waits for.
 */
@Service
@Command(scope = "tillpay", name = "retry", description = "Tries stuck payments again now (see tillpay:stuck)")
public class RetryCommand implements Action {

    @Reference
    BundleContext context;

    @Argument(index = 0, name = "payment-id", required = true, multiValued = true,
            description = "The payments, as tillpay:stuck lists them")
    @Completion(StuckPaymentIdCompleter.class)
    List<String> paymentIds;

    @Override
    public Object execute() throws Exception {
        for (String paymentId : paymentIds) {
            retry(paymentId);
        }
        return null;
    }

    private void retry(String paymentId) throws Exception {
        for (PaymentMethod method : PaymentMethods.all(context)) {
            Optional<PaymentHandle> found = method.findPayment(paymentId);
            if (found.isEmpty()) {
                continue;
            }
            List<DinteroStoreOperations> store = DinteroStores.active(context, method.storeId());
            if (store.isEmpty()) {
                throw new IllegalArgumentException("payment-id: " + paymentId + " belongs to store " + method.storeId()
                        + ", which is not a Dintero store");
            }
            List<StuckPayment> still;
            try {
                still = store.get(0).retry(paymentId).toCompletableFuture().get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                System.err.println("payment " + paymentId + ": Dintero could not be asked, nothing changed: "
                        + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
                return;
            }
            PaymentHandle after = method.findPayment(paymentId).orElseThrow();
            PaymentPrinter.print(after, System.out);
            PaymentPrinter.printHistory(after, System.out);
            PaymentPrinter.printOperations(after, System.out);
            if (still.isEmpty()) {
                System.out.println("Nothing waits on Dintero for this payment any more.");
            }
            for (StuckPayment s : still) {
                System.out.println("Still waiting (" + s.reason() + " since " + s.since() + "): " + s.detail());
            }
            return;
        }
        throw new IllegalArgumentException("payment-id: no payment " + paymentId + " in any active store");
    }
}
