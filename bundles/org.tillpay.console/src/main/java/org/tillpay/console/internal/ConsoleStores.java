package org.tillpay.console.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.tillpay.ledger.PaymentLedger;
import org.tillpay.payment.api.PaymentHandle;
import org.tillpay.payment.api.PaymentMethod;

/**
 * Finds the active stores' services on the registry, as any host would: a store's {@link PaymentMethod}, and its
 * other services (health, ...) registered with the same {@code tillpay.store.id}.
 */
final class ConsoleStores {

    private static final java.util.regex.Pattern STORE_ID = java.util.regex.Pattern
            .compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final BundleContext context;
    private final PaymentLedger ledger;

    ConsoleStores(BundleContext context, PaymentLedger ledger) {
        this.context = context;
        this.ledger = ledger;
    }

    /** @return every active payment method, by store */
    List<PaymentMethod> all() {
        List<PaymentMethod> methods = services(PaymentMethod.class, null);
        methods.sort(Comparator.comparing(PaymentMethod::storeId).thenComparing(PaymentMethod::methodId));
        return methods;
    }

    /** @return the store's payment method; 404 when it has none active */
    PaymentMethod method(String storeId) {
        return service(PaymentMethod.class, storeId).orElseThrow(() -> new ApiException(ApiException.Type.NOT_FOUND,
                "no active store '" + storeId + "'"));
    }

    /** @return the store's service of that type, if the store has one */
    <T> Optional<T> service(Class<T> type, String storeId) {
        if (storeId == null || !STORE_ID.matcher(storeId).matches()) {
            throw new ApiException(ApiException.Type.NOT_FOUND, "'" + storeId + "' is not a store id");
        }
        return services(type, "(" + PaymentMethod.STORE_ID_PROPERTY + "=" + storeId + ")").stream().findFirst();
    }

    /**
     * @return the payment with the method of its store (the ledger names the store, its method reads the payment);
     *         404 when no active store has it
     */
    Found payment(String paymentId) {
        Optional<Found> found = ledger.find(paymentId).flatMap(record -> service(PaymentMethod.class, record.storeId())
                .flatMap(m -> m.findPayment(paymentId).map(p -> new Found(m, p))));
        return found.orElseThrow(() -> new ApiException(ApiException.Type.NOT_FOUND, "no payment " + paymentId
                + " in any active store"));
    }

    /** A payment and the method of its store. */
    record Found(PaymentMethod method, PaymentHandle payment) {
    }

    private <T> List<T> services(Class<T> type, String filter) {
        List<T> found = new ArrayList<>();
        try {
            Collection<ServiceReference<T>> refs = context.getServiceReferences(type, filter);
            for (ServiceReference<T> ref : refs) {
                T service = context.getService(ref);
                if (service != null) {
                    found.add(service);
                    context.ungetService(ref);
                }
            }
        } catch (InvalidSyntaxException | IllegalStateException e) {
            throw new ApiException(ApiException.Type.NOT_FOUND, "no such store");
        }
        return found;
    }
}
