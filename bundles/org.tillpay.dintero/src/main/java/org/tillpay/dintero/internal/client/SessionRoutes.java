package org.tillpay.dintero.internal.client;

/**
 * Dintero's checkout sessions: creating one from a profile (never retried: Dintero has no idempotency key, and a
 * repeat could send the customer a second SMS), reading one back (retried on transient failures) and cancelling one
 * (not retried blindly: after a failure the caller reads the session back to learn whether it took effect).
 */
final class SessionRoutes extends DinteroRouteBuilder {

    static final String CREATE_SESSION = "direct:dintero-session-create";
    static final String GET_SESSION = "direct:dintero-session-get";
    static final String CANCEL_SESSION = "direct:dintero-session-cancel";

    @Override
    public void configure() {
        apiRoute(CREATE_SESSION, "dintero-session-create", CallSafety.NEVER);
        apiRoute(GET_SESSION, "dintero-session-get", CallSafety.SAFE);
        apiRoute(CANCEL_SESSION, "dintero-session-cancel", CallSafety.NEVER);
    }
}
