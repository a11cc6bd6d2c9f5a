package org.tillpay.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.tillpay.payment.api.PaymentHandle;
import org.tillpay.payment.api.PaymentMethod;

/** {@code tillpay:refund}: returns captured money, all of it or part by lines and/or amount. */
@Service
@Command(scope = "tillpay", name = "refund", description = "Refunds a captured payment, in full or in part")
public class RefundCommand extends OperationCommand {

    @Option(name = "--reason", description = "Why the money is returned (e.g. 'return')")
    String reason;

    @Override
    public Object execute() throws Exception {
        PaymentMethod method = methodOfPayment();
        PaymentHandle payment = method.findPayment(paymentId).orElseThrow();
        printOutcome(method.refundPayment(paymentId, request(payment.currency(), reason)));
        return null;
    }
}
