package org.tillpay.console.internal;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.tillpay.dintero.api.operations.DinteroStoreOperations;
import org.tillpay.dintero.api.operations.StoreHealth;
import org.tillpay.payment.api.PaymentMethod;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code /stores} and {@code /stores/{store}/health}. */
final class StoresApi {

    private StoresApi() {
    }

    /**
     * {@code GET /stores}: the active stores and what they offer, with the store's name where its settings have one;
     * no other setting (none could be a secret).
     */
    static void list(Exchange x, ConsoleStores stores) throws IOException {
        x.require(Role.CASHIER);
        ArrayNode list = ConsoleJson.MAPPER.createArrayNode();
        for (PaymentMethod m : stores.all()) {
            ObjectNode o = list.addObject();
            o.put("storeId", m.storeId());
            o.put("methodId", m.methodId());
            o.put("displayName", m.displayName());
            String name = m.describeSettings().get("store.name");
            o.put("storeName", name == null || name.isBlank() ? m.storeId() : name);
            o.put("accountingNumber", m.accountingNumber());
            ArrayNode methods = o.putArray("paymentMethods");
            m.enabledPaymentMethods().forEach(c -> methods.add(c.id()));
            ArrayNode capabilities = o.putArray("capabilities");
            m.capabilities().forEach(c -> capabilities.add(c.name()));
        }
        x.json(200, list);
    }

    /** {@code GET /stores/{store}/health} (admin). */
    static void health(Exchange x, ConsoleStores stores, String storeId) throws IOException {
        x.require(Role.ADMIN);
        DinteroStoreOperations store = stores.service(DinteroStoreOperations.class, storeId).orElseThrow(
                () -> new ApiException(ApiException.Type.NOT_FOUND, "no active Dintero store '" + storeId + "'"));
        StoreHealth h;
        try {
            h = store.health().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new ApiException(ApiException.Type.PROVIDER_UNAVAILABLE, "health not checked: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ApiException.Type.PROVIDER_UNAVAILABLE, "interrupted");
        }
        ObjectNode o = ConsoleJson.MAPPER.createObjectNode();
        o.put("storeId", h.storeId());
        o.put("accountId", h.accountId());
        o.put("tokenObtainable", h.tokenObtainable());
        o.put("tokenDetail", h.tokenDetail());
        h.lastCallbackAt().ifPresent(t -> o.put("lastCallbackAt", t.toString()));
        o.put("pendingPayments", h.pendingPayments());
        o.put("openOperations", h.openOperations());
        x.json(200, o);
    }
}
