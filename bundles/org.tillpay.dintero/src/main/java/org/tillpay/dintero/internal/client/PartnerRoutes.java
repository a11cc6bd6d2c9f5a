package org.tillpay.dintero.internal.client;

/**
 * Dintero's partner and account-management APIs (API.md &sect;11): reads (account settings, API clients, grants,
 * payment profiles, webhook subscriptions; retried on transient failures) and writes (creating clients and grants,
 * rotating a secret, creating or replacing a profile; a POST is never retried: onboarding lists what exists before it
 * writes, so a run that failed half-way is simply run again; a PUT replaces a whole profile and is retried). The
 * exchange and merchant token requests go through {@link TokenRoutes}.
 */
final class PartnerRoutes extends DinteroRouteBuilder {

    static final String READ = "direct:dintero-partner-read";
    static final String WRITE = "direct:dintero-partner-write";

    @Override
    public void configure() {
        apiRoute(READ, "dintero-partner-read", CallSafety.SAFE);
        apiRoute(WRITE, "dintero-partner-write", CallSafety.IDEMPOTENT_METHODS);
    }
}
