package org.tillpay.dintero.internal.client;

/**
 * Dintero's auth API: the client-credentials token request, and a partner's exchange and merchant token requests.
 * They create nothing, so transient failures are retried.
 */
final class TokenRoutes extends DinteroRouteBuilder {

    static final String FETCH_TOKEN = "direct:dintero-token";

    @Override
    public void configure() {
        apiRoute(FETCH_TOKEN, "dintero-token", CallSafety.SAFE);
    }
}
