package org.tillpay.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The served {@code openapi.yaml} names the role of every operation ({@code x-tillpay-role}), and it is the role the
 * servlet enforces ({@link ApiOperation}): the description a host reads and the check cannot drift apart.
 */
class OpenApiRolesTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final Set<String> ROLES = Set.of("public", "cashier", "manager", "admin");

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Map<String, Object>>> paths() throws Exception {
        try (InputStream in = OpenApiRolesTest.class.getResourceAsStream("/console/openapi.yaml")) {
            assertNotNull(in, "openapi.yaml is in the bundle");
            Map<String, Object> spec = new Yaml().load(in);
            return (Map<String, Map<String, Map<String, Object>>>) spec.get("paths");
        }
    }

    @Test
    void everyOperationNamesItsRoleAndItIsTheRoleTheServletChecks() throws Exception {
        Map<String, ApiOperation> byId = Arrays.stream(ApiOperation.values()).collect(Collectors.toMap(
                ApiOperation::operationId, o -> o));
        Set<String> seen = new TreeSet<>();
        for (Map.Entry<String, Map<String, Map<String, Object>>> path : paths().entrySet()) {
            for (Map.Entry<String, Map<String, Object>> e : path.getValue().entrySet()) {
                if (!METHODS.contains(e.getKey())) {
                    continue;
                }
                Map<String, Object> operation = e.getValue();
                String where = e.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                Object role = operation.get("x-tillpay-role");
                assertTrue(ROLES.contains(role), where + " has x-tillpay-role public, cashier, manager or admin: "
                        + role);
                ApiOperation op = byId.get((String) operation.get("operationId"));
                assertNotNull(op, where + ": its operationId " + operation.get("operationId") + " is served");
                assertEquals(op.method(), e.getKey().toUpperCase(Locale.ROOT), where);
                assertEquals(op.path(), path.getKey(), where);
                assertEquals(op.roleName(), role, where + ": the role the servlet checks");
                assertEquals(role.equals("public"), List.of().equals(operation.get("security")),
                        where + ": only a public operation has security: []");
                assertTrue(seen.add(op.operationId()), where + " twice");
            }
        }
        assertEquals(byId.keySet(), seen, "every operation the servlet serves is described");
    }

    @Test
    void theRoleNeededToVoidAPaidPaymentIsNamedToo() throws Exception {
        Map<String, Object> cancel = paths().get("/payments/{paymentId}/cancel").get("post");
        assertEquals("cashier", cancel.get("x-tillpay-role"));
        assertEquals("manager", cancel.get("x-tillpay-role-when-paid"));
        Map<String, Object> login = new HashMap<>(paths().get("/session").get("post"));
        assertTrue(login.toString().contains("429"), "the login documents its throttle");
    }
}
