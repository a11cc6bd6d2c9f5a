package org.tillpay.shell.internal;

import java.util.Comparator;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.tillpay.dintero.api.operations.DinteroStoreOperations;
import org.tillpay.payment.api.PaymentMethod;

/** Finds the active Dintero stores' {@link DinteroStoreOperations}. */
final class DinteroStores {

    private DinteroStores() {
    }

    /** @return the active Dintero stores (or only the one given), ordered by store id */
    static List<DinteroStoreOperations> active(BundleContext context, String storeId) {
        String filter = storeId == null ? null : "(" + PaymentMethod.STORE_ID_PROPERTY + "=" + storeId + ")";
        List<DinteroStoreOperations> stores;
        try {
            stores = PaymentMethods.services(context, DinteroStoreOperations.class, filter);
        } catch (IllegalArgumentException badFilter) {
            throw new IllegalArgumentException("store: '" + storeId + "' is not a store id", badFilter);
        }
        stores.sort(Comparator.comparing(DinteroStoreOperations::storeId));
        return stores;
    }
}
