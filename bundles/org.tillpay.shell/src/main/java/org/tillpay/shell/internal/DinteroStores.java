package org.tillpay.shell.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.tillpay.dintero.api.operations.DinteroStoreOperations;
import org.tillpay.payment.api.PaymentMethod;

/** Finds the active Dintero stores' {@link DinteroStoreOperations}. */
final class DinteroStores {

    private DinteroStores() {
    }

    /** @return the active Dintero stores (or only the one given), ordered by store id */
    static List<DinteroStoreOperations> active(BundleContext context, String storeId) {
        String filter = storeId == null ? null : "(" + PaymentMethod.STORE_ID_PROPERTY + "=" + storeId + ")";
        List<DinteroStoreOperations> stores = new ArrayList<>();
        try {
            for (ServiceReference<DinteroStoreOperations> ref : context.getServiceReferences(
                    DinteroStoreOperations.class, filter)) {
                DinteroStoreOperations store = context.getService(ref);
                if (store != null) {
                    stores.add(store);
                    context.ungetService(ref);
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("store: '" + storeId + "' is not a store id", e);
        }
        stores.sort(Comparator.comparing(DinteroStoreOperations::storeId));
        return stores;
    }
}
