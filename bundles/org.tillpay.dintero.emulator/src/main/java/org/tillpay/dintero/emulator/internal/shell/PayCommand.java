package org.tillpay.dintero.emulator.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.tillpay.dintero.emulator.DinteroEmulator;
import org.tillpay.dintero.emulator.EmulatedPayment;

/** {@code dintero-emulator:pay}: the customer pays (or declines) a session on the emulated hosted page. */
@Command(scope = "dintero-emulator", name = "pay",
        description = "Pays a Dintero emulator session as the customer would on the hosted page, or declines it.")
@Service
public class PayCommand implements Action {

    @Reference
    DinteroEmulator emulator;

    @Argument(index = 0, name = "session-id", required = true, description = "The session id")
    String sessionId;

    @Option(name = "--method", aliases = "-m", description = "Payment method: vipps, mobilepay, swish, klarna, "
            + "walley, billie, card, applepay or googlepay")
    @Completion(value = StringsCompleter.class, values = {"vipps", "mobilepay", "swish", "klarna", "walley",
        "billie", "card", "applepay", "googlepay"})
    String method = "vipps";

    @Option(name = "--decline", description = "Decline (cancel) instead of paying")
    boolean decline;

    @Override
    public Object execute() {
        try {
            if (decline) {
                String redirect = emulator.decline(sessionId);
                System.out.println("Session " + sessionId + " declined; customer redirected to " + redirect);
            } else {
                EmulatedPayment payment = emulator.pay(sessionId, method);
                System.out.println("Transaction " + payment.transactionId() + " " + payment.status() + " ("
                        + payment.paymentProductType() + ")");
            }
        } catch (RuntimeException e) {
            System.err.println("Error: " + e.getMessage());
        }
        return null;
    }
}
