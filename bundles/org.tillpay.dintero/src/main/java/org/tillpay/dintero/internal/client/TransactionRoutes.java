package org.tillpay.dintero.internal.client;

/**
 * Dintero's transactions: reading one back and listing them (reads, retried on transient failures), and capture, refund and void. Those
 * three are never retried by the route: Dintero has no idempotency key, so after a lost answer the caller reads the
 * transaction back and looks for the operation's event before anything is posted again.
 */
final class TransactionRoutes extends DinteroRouteBuilder {

    static final String GET_TRANSACTION = "direct:dintero-transaction-get";
    static final String LIST_TRANSACTIONS = "direct:dintero-transaction-list";
    static final String CAPTURE = "direct:dintero-transaction-capture";
    static final String REFUND = "direct:dintero-transaction-refund";
    static final String VOID = "direct:dintero-transaction-void";

    @Override
    public void configure() {
        apiRoute(GET_TRANSACTION, "dintero-transaction-get", CallSafety.SAFE);
        apiRoute(LIST_TRANSACTIONS, "dintero-transaction-list", CallSafety.SAFE);
        apiRoute(CAPTURE, "dintero-transaction-capture", CallSafety.NEVER);
        apiRoute(REFUND, "dintero-transaction-refund", CallSafety.NEVER);
        apiRoute(VOID, "dintero-transaction-void", CallSafety.NEVER);
    }
}
