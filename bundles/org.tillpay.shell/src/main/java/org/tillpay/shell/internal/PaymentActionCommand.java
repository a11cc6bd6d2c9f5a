package org.tillpay.shell.internal;

import java.util.Optional;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.osgi.framework.BundleContext;
import org.tillpay.payment.api.PaymentMethod;

/** What the commands acting on one payment share: finding the store that has it. */
abstract class PaymentActionCommand implements Action {

    @Reference
    BundleContext context;

    @Argument(index = 0, name = "payment-id", required = true, description = "The payment id printed by tillpay:sale")
    String paymentId;

    /** @return the method of the store that has the payment */
    PaymentMethod methodOfPayment() {
        for (PaymentMethod method : PaymentMethods.all(context)) {
            Optional<?> found = method.findPayment(paymentId);
            if (found.isPresent()) {
                return method;
            }
        }
        throw new IllegalArgumentException("No payment " + paymentId + " in any active store");
    }
}
