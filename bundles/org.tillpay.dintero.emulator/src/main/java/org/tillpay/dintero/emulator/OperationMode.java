package org.tillpay.dintero.emulator;

/**
 * How the emulator answers {@code POST /v1/transactions/{id}/capture}, {@code /refund} and {@code /void}, set with
 * {@link DinteroEmulator#setOperationMode(OperationMode)} (API.md &sect;7.4). Applies to operations received from then
 * on; operations already accepted stay pending until {@link DinteroEmulator#completePendingOperations()}.
 *
 * @since 1.2
 */
public enum OperationMode {

    /**
     * The operation finishes at once: 200 with the updated Transaction carrying the final {@code CAPTURE},
     * {@code REFUND} or {@code VOID} event. The default.
     */
    SYNC,

    /**
     * The operation is accepted for asynchronous processing: 202 with the Transaction carrying an
     * {@code INITIATE_CAPTURE}, {@code INITIATE_REFUND} or {@code INITIATE_VOID} event, and the response header
     * {@code event-request-id} set to that event's {@code request_id}. No money moves and the status stays until
     * {@link DinteroEmulator#completePendingOperations()} appends the final event, whose
     * {@code correlation_request_id} is that request id.
     */
    ASYNC
}
