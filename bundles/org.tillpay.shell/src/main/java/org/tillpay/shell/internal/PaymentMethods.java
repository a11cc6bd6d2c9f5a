package org.tillpay.shell.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.tillpay.payment.api.PaymentMethod;

/** Finds the registered {@link PaymentMethod} services, as a host would. */
final class PaymentMethods {

    private static final Pattern STORE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private PaymentMethods() {
    }

    /** Calls {@code use} for every registered method, ordered by store. */
    static List<PaymentMethod> all(BundleContext context) {
        return find(context, null);
    }

    /**
     * @param context the bundle context
     * @param storeId the store
     * @param methodId the method, e.g. dintero
     * @return the store's method
     * @throws IllegalArgumentException naming the store when it has no active method
     */
    static PaymentMethod forStore(BundleContext context, String storeId, String methodId) {
        if (storeId == null || !STORE_ID.matcher(storeId).matches()) {
            throw new IllegalArgumentException("--store: '" + storeId + "' is not a store id");
        }
        List<PaymentMethod> found = find(context, "(&(" + PaymentMethod.STORE_ID_PROPERTY + "=" + storeId + ")("
                + PaymentMethod.METHOD_ID_PROPERTY + "=" + methodId + "))");
        if (found.isEmpty()) {
            throw new IllegalArgumentException("--store: no active " + methodId + " store '" + storeId
                    + "' (see tillpay:stores; a store with a broken configuration is inactive, see the log)");
        }
        return found.get(0);
    }

    private static List<PaymentMethod> find(BundleContext context, String filter) {
        List<PaymentMethod> methods = new ArrayList<>();
        try {
            for (ServiceReference<PaymentMethod> ref : context.getServiceReferences(PaymentMethod.class, filter)) {
                PaymentMethod m = context.getService(ref);
                if (m != null) {
                    methods.add(m);
                    context.ungetService(ref);
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("bad filter " + filter, e);
        }
        methods.sort(Comparator.comparing(PaymentMethod::storeId).thenComparing(PaymentMethod::methodId));
        return methods;
    }
}
