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
        List<PaymentMethod> methods = services(context, PaymentMethod.class, filter);
        methods.sort(Comparator.comparing(PaymentMethod::storeId).thenComparing(PaymentMethod::methodId));
        return methods;
    }

    /**
     * The shell's one lookup of services on the registry (released at once: a store's service lives as long as its
     * store, and a command uses it only for its own run).
     *
     * @param filter an LDAP filter, or null for all
     * @return the services of that type matching the filter
     * @throws IllegalArgumentException when the filter is malformed
     */
    static <T> List<T> services(BundleContext context, Class<T> type, String filter) {
        List<T> found = new ArrayList<>();
        try {
            for (ServiceReference<T> ref : context.getServiceReferences(type, filter)) {
                T service = context.getService(ref);
                if (service != null) {
                    found.add(service);
                    context.ungetService(ref);
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("bad filter " + filter, e);
        }
        return found;
    }
}
