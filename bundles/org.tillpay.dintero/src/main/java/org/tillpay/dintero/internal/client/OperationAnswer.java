package org.tillpay.dintero.internal.client;

/**
 * Dintero's answer to a capture, refund or void.
 *
 * @param accepted true for 202 Accepted: the operation finishes later, in the event whose
 *        {@code correlation_request_id} equals {@link #eventRequestId()}
 * @param eventRequestId the {@code event-request-id} header of a 202, or null
 * @param transaction the transaction as Dintero returned it
 */
public record OperationAnswer(boolean accepted, String eventRequestId, TransactionView transaction) {

    static OperationAnswer from(DinteroResponse response) {
        boolean accepted = response.status() == 202;
        return new OperationAnswer(accepted, response.headers().get("event-request-id"),
                TransactionView.from(response.body()));
    }
}
