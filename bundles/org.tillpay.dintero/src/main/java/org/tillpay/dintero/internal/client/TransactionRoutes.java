package org.tillpay.dintero.internal.client;

/** Dintero's transactions: reading one back (retried on transient failures). */
final class TransactionRoutes extends DinteroRouteBuilder {

    static final String GET_TRANSACTION = "direct:dintero-transaction-get";

    @Override
    public void configure() {
        apiRoute(GET_TRANSACTION, "dintero-transaction-get", true);
    }
}
