package org.tillpay.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ApiOperationTest {

    private static ApiOperation.Match match(String method, String... parts) {
        return ApiOperation.match(method, parts);
    }

    @Test
    void aPathFindsItsOperationAndParameters() {
        ApiOperation.Match m = match("GET", "stores", "demo", "reports", "monthly");
        assertEquals(ApiOperation.DOWNLOAD_REPORT, m.operation());
        assertEquals(Map.of("storeId", "demo", "report", "monthly"), m.params());
        assertEquals(ApiOperation.MONTHLY_PAYOUTS, match("GET", "stores", "demo", "payouts", "monthly").operation());
        assertEquals(ApiOperation.FETCH_SETTLEMENTS, match("POST", "stores", "demo", "payouts", "fetch").operation());
        assertEquals(ApiOperation.CAPTURE_PAYMENT, match("POST", "payments", "p-1", "captures").operation());
        assertEquals("p-1", match("GET", "payments", "p-1").param("paymentId"));
        assertEquals(ApiOperation.LIST_PAYMENTS, match("GET", "payments").operation());
    }

    @Test
    void noOperationIs404AndAnotherMethod405() {
        assertEquals(ApiException.Type.NOT_FOUND, assertThrows(ApiException.class,
                () -> match("GET", "payments", "p-1", "nothing")).type());
        assertEquals(ApiException.Type.NOT_FOUND, assertThrows(ApiException.class, () -> match("GET")).type());
        ApiException e = assertThrows(ApiException.class, () -> match("GET", "payments", "p-1", "captures"));
        assertEquals(ApiException.Type.METHOD_NOT_ALLOWED, e.type());
        assertEquals("POST", e.headers().get("Allow"));
        assertEquals(ApiException.Type.METHOD_NOT_ALLOWED, assertThrows(ApiException.class,
                () -> match("HEAD", "stores")).type());
    }

    @Test
    void onlyLoggingInIsPublic() {
        for (ApiOperation op : ApiOperation.values()) {
            assertEquals(op == ApiOperation.LOGIN, op.role().isEmpty(), op.name());
        }
        assertEquals("admin", ApiOperation.STORE_HEALTH.roleName());
        assertEquals("public", ApiOperation.LOGIN.roleName());
    }
}
