package org.tillpay.shell.internal;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.karaf.shell.api.action.Option;
import org.tillpay.payment.api.InvalidPaymentRequestException;
import org.tillpay.payment.api.OperationLine;
import org.tillpay.payment.api.OperationRequest;
import org.tillpay.payment.api.PaymentHandle;

/** What {@code tillpay:capture} and {@code tillpay:refund} share: the request options and printing the outcome. */
abstract class OperationCommand extends PaymentActionCommand {

    @Option(name = "--reference", description = "The receipt (capture) or return receipt (refund) number", required = true)
    String reference;

    @Option(name = "--amount", description = "Amount in major units (e.g. 150.00); without it and without --line: all that is left")
    String amount;

    @Option(name = "--line", multiValued = true,
            description = "A sale line: <line-id> for the whole line, or <line-id>:<quantity>; repeat for more lines")
    List<String> lines;

    @Option(name = "--by", description = "Who asks (staff id), kept in the audit trail")
    String requestedBy = "shell";

    /** @return the request built from the options */
    OperationRequest request(String currency, String reason) {
        OperationRequest.Builder b = OperationRequest.builder().reference(reference).reason(reason)
                .requestedBy(requestedBy);
        if (amount != null) {
            b.amountMinor(SaleLines.minorUnits(amount, java.util.Currency.getInstance(currency), "amountMinor"));
        }
        if (lines != null) {
            for (String line : lines) {
                int colon = line.lastIndexOf(':');
                if (colon < 0) {
                    b.line(OperationLine.whole(line));
                } else {
                    try {
                        b.line(OperationLine.of(line.substring(0, colon), Integer.parseInt(line.substring(colon + 1))));
                    } catch (NumberFormatException e) {
                        throw new InvalidPaymentRequestException("lines", "'" + line + "' is not <line-id>:<quantity>");
                    }
                }
            }
        }
        return b.build();
    }

    /** Waits for the operation and prints the payment, or says why it was not done. */
    static void printOutcome(CompletionStage<PaymentHandle> operation) throws Exception {
        try {
            PaymentHandle p = operation.toCompletableFuture().get(60, TimeUnit.SECONDS);
            PaymentPrinter.print(p, System.out);
            PaymentPrinter.printOperations(p, System.out);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Failed: " + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()), null);
        }
    }
}
