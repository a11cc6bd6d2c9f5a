package org.tillpay.dintero.internal.client;

/**
 * Dintero's settlements and webhooks (API.md &sect;8, &sect;10): listing settlements and downloading their reports
 * (reads, retried on transient failures), listing webhook subscriptions (a read) and creating one (not retried: after
 * a failure the caller lists the subscriptions before creating again).
 */
final class SettlementRoutes extends DinteroRouteBuilder {

    static final String LIST_SETTLEMENTS = "direct:dintero-settlements-list";
    static final String GET_ATTACHMENT = "direct:dintero-settlement-attachment";
    static final String LIST_HOOKS = "direct:dintero-hooks-list";
    static final String CREATE_HOOK = "direct:dintero-hooks-create";

    @Override
    public void configure() {
        apiRoute(LIST_SETTLEMENTS, "dintero-settlements-list", CallSafety.SAFE);
        fileRoute(GET_ATTACHMENT, "dintero-settlement-attachment", CallSafety.SAFE);
        apiRoute(LIST_HOOKS, "dintero-hooks-list", CallSafety.SAFE);
        apiRoute(CREATE_HOOK, "dintero-hooks-create", CallSafety.NEVER);
    }
}
