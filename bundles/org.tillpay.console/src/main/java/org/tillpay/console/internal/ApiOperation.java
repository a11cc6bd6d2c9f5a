package org.tillpay.console.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every operation of the API below {@code /api/v1}: its method, its path as in {@code openapi.yaml} and the role it
 * needs ({@code x-tillpay-role} there; {@code OpenApiRolesTest} holds the two together). {@link ConsoleServlet}
 * authenticates the caller and checks this role before any handler runs, so that no operation can forget it; a handler
 * checks more only where the data decides (voiding a paid payment needs a manager).
 */
enum ApiOperation {
    LOGIN("login", "POST", "/session", null),
    WHO_AM_I("whoAmI", "GET", "/session", Role.CASHIER),
    LOGOUT("logout", "DELETE", "/session", Role.CASHIER),
    LIST_STORES("listStores", "GET", "/stores", Role.CASHIER),
    STORE_HEALTH("storeHealth", "GET", "/stores/{storeId}/health", Role.ADMIN),
    LIST_PAYOUTS("listPayouts", "GET", "/stores/{storeId}/payouts", Role.MANAGER),
    MONTHLY_PAYOUTS("monthlyPayouts", "GET", "/stores/{storeId}/payouts/monthly", Role.MANAGER),
    FETCH_SETTLEMENTS("fetchSettlements", "POST", "/stores/{storeId}/payouts/fetch", Role.MANAGER),
    RECONCILIATION("reconciliation", "GET", "/stores/{storeId}/reconciliation", Role.MANAGER),
    DOWNLOAD_REPORT("downloadReport", "GET", "/stores/{storeId}/reports/{report}", Role.MANAGER),
    START_PAYMENT("startPayment", "POST", "/stores/{storeId}/payments", Role.CASHIER),
    LIST_PAYMENTS("listPayments", "GET", "/payments", Role.CASHIER),
    GET_PAYMENT("getPayment", "GET", "/payments/{paymentId}", Role.CASHIER),
    PAYMENT_EVENTS("paymentEvents", "GET", "/payments/{paymentId}/events", Role.CASHIER),
    PAYMENT_QR("paymentQr", "GET", "/payments/{paymentId}/qr", Role.CASHIER),
    REFRESH_PAYMENT("refreshPayment", "POST", "/payments/{paymentId}/refresh", Role.CASHIER),
    PARK_PAYMENT("parkPayment", "POST", "/payments/{paymentId}/park", Role.CASHIER),
    CANCEL_PAYMENT("cancelPayment", "POST", "/payments/{paymentId}/cancel", Role.CASHIER),
    CAPTURE_PAYMENT("capturePayment", "POST", "/payments/{paymentId}/captures", Role.MANAGER),
    REFUND_PAYMENT("refundPayment", "POST", "/payments/{paymentId}/refunds", Role.MANAGER);

    /** An operation found for a request, with its path parameters by name. */
    record Match(ApiOperation operation, Map<String, String> params) {

        /** @return the path parameter */
        String param(String name) {
            return params.get(name);
        }
    }

    private final String operationId;
    private final String method;
    private final String path;
    private final String[] segments;
    private final Role role;

    ApiOperation(String operationId, String method, String path, Role role) {
        this.operationId = operationId;
        this.method = method;
        this.path = path;
        this.segments = path.substring(1).split("/");
        this.role = role;
    }

    /** @return the {@code operationId} in openapi.yaml */
    String operationId() {
        return operationId;
    }

    String method() {
        return method;
    }

    /** @return the path as openapi.yaml names it, below {@code /api/v1} */
    String path() {
        return path;
    }

    /** @return the role the operation needs; empty for logging in, which anybody may try */
    Optional<Role> role() {
        return Optional.ofNullable(role);
    }

    /** @return the role as {@code x-tillpay-role} names it: {@code public}, {@code cashier}, ... */
    String roleName() {
        return role == null ? "public" : role.realmName();
    }

    /**
     * @param method the request's method
     * @param parts the path below {@code /api/v1}, split at {@code /}, without empty parts
     * @return the operation and its parameters
     * @throws ApiException 404 when no operation has the path, 405 (naming the allowed methods) when none has the
     *         method
     */
    static Match match(String method, String[] parts) {
        List<String> allowed = new ArrayList<>();
        for (ApiOperation op : values()) {
            Map<String, String> params = op.params(parts);
            if (params == null) {
                continue;
            }
            if (op.method.equals(method)) {
                return new Match(op, params);
            }
            allowed.add(op.method);
        }
        if (allowed.isEmpty()) {
            throw new ApiException(ApiException.Type.NOT_FOUND, "no operation " + method + " /api/v1/"
                    + String.join("/", parts) + " (see /tillpay/console/api/openapi.yaml)");
        }
        throw ApiException.methodNotAllowed(allowed);
    }

    /** @return the path parameters when the path is this operation's, else null */
    private Map<String, String> params(String[] parts) {
        if (parts.length != segments.length) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < parts.length; i++) {
            String s = segments[i];
            if (s.startsWith("{")) {
                params.put(s.substring(1, s.length() - 1), parts[i]);
            } else if (!s.equals(parts[i])) {
                return null;
            }
        }
        return params;
    }
}
