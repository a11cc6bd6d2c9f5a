package org.tillpay.dintero.internal.client;

/**
 * Dintero's checkout sessions: creating one from a profile (never retried: Dintero has no idempotency key, and a
 * repeat could send the customer a second SMS) and reading one back (retried on transient failures).
 */
final class SessionRoutes extends DinteroRouteBuilder {

    static final String CREATE_SESSION = "direct:dintero-session-create";
    static final String GET_SESSION = "direct:dintero-session-get";

    @Override
    public void configure() {
        apiRoute(CREATE_SESSION, "dintero-session-create", false);
        apiRoute(GET_SESSION, "dintero-session-get", true);
    }
}
