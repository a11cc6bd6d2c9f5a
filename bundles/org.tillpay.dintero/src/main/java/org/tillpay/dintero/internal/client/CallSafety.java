package org.tillpay.dintero.internal.client;

import java.util.Locale;

/**
 * Whether a route's calls may be repeated after a transient failure (no answer, 5xx, 429): declared by each route,
 * applied by {@link DinteroCamelHost}. Dintero has no idempotency key (API.md &sect;3), so a POST that creates or
 * moves something is never repeated blindly: its caller reads back first.
 */
enum CallSafety {

    /** Reads and token requests: repeating them changes nothing at Dintero. */
    SAFE,
    /**
     * Writes whose GET or PUT (a whole replacement, idempotent by HTTP) may be repeated, never their POST (a creation)
     * nor DELETE (a repeat after a lost answer reads as 404).
     */
    IDEMPOTENT_METHODS,
    /** Payment calls (session create and cancel, capture, refund, void) and creations: never repeated. */
    NEVER;

    /**
     * @param method the call's HTTP method
     * @return true when a call with that method may be repeated on this route
     */
    boolean allowsRetry(String method) {
        String m = method.toUpperCase(Locale.ROOT);
        return switch (this) {
            case SAFE -> true;
            case IDEMPOTENT_METHODS -> m.equals("GET") || m.equals("PUT");
            case NEVER -> false;
        };
    }
}
