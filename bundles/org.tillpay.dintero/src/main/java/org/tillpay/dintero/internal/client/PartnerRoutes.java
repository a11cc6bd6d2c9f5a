package org.tillpay.dintero.internal.client;

/**
 * Dintero's partner and account-management APIs (API.md &sect;11): reads (account settings, API clients, grants,
 * payment profiles, webhook subscriptions; retried on transient failures) and writes (exchange and merchant tokens,
 * creating clients and grants, rotating a secret, creating or updating a profile; never retried: onboarding lists
 * what exists before it writes, so a run that failed half-way is simply run again).
 */
final class PartnerRoutes extends DinteroRouteBuilder {

    static final String READ = "direct:dintero-partner-read";
    static final String WRITE = "direct:dintero-partner-write";

    @Override
    public void configure() {
        apiRoute(READ, "dintero-partner-read", true);
        apiRoute(WRITE, "dintero-partner-write", false);
    }
}
