package org.tillpay.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.tillpay.payment.api.PaymentHandle;
import org.tillpay.payment.api.PaymentMethod;

/** {@code tillpay:capture}: takes reserved money, all of it or part by lines and/or amount. */
@Service
@Command(scope = "tillpay", name = "capture", description = "Captures an authorized payment, in full or in part")
public class CaptureCommand extends OperationCommand {

    @Override
    public Object execute() throws Exception {
        PaymentMethod method = methodOfPayment();
        PaymentHandle payment = method.findPayment(paymentId).orElseThrow();
        printOutcome(method.capturePayment(paymentId, request(payment.currency(), null)));
        return null;
    }
}
