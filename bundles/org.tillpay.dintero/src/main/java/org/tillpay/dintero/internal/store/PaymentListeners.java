package org.tillpay.dintero.internal.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.payment.api.PaymentHandle;
import org.tillpay.payment.api.PaymentListener;
import org.tillpay.payment.api.PaymentMethod;
import org.tillpay.payment.api.StatusChange;

/**
 * The whiteboard of host {@link PaymentListener}s. Changes are delivered after they are committed, on one
 * notification thread of this component, so one payment's changes arrive in order; a listener that throws is logged
 * and the others still hear the change.
 */
@Component(service = PaymentListeners.class, immediate = true)
public final class PaymentListeners {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentListeners.class);

    private final Map<PaymentListener, String> listeners = new ConcurrentHashMap<>();
    private final ExecutorService notifier = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tillpay-dintero-listeners");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param listener a host listener
     * @param properties its service properties; {@code tillpay.store.id} limits it to one store
     */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addListener(PaymentListener listener, Map<String, Object> properties) {
        Object store = properties.get(PaymentMethod.STORE_ID_PROPERTY);
        listeners.put(listener, store == null ? "" : store.toString());
    }

    /** @param listener a listener going away */
    public void removeListener(PaymentListener listener) {
        listeners.remove(listener);
    }

    /** Stops the notification thread. */
    @Deactivate
    public void stop() throws InterruptedException {
        notifier.shutdown();
        notifier.awaitTermination(5, TimeUnit.SECONDS);
    }

    /**
     * Tells every interested listener about a committed change, asynchronously.
     *
     * @param payment the payment after the change
     * @param change the change
     */
    void notifyChange(PaymentHandle payment, StatusChange change) {
        notifier.execute(() -> listeners.forEach((listener, store) -> {
            if (store.isEmpty() || store.equals(payment.storeId())) {
                try {
                    listener.paymentStatusChanged(payment, change);
                } catch (RuntimeException e) {
                    LOG.warn("store {} sale {}: payment listener {} failed on {}", payment.storeId(),
                            payment.saleReference(), listener.getClass().getName(), change.status(), e);
                }
            }
        }));
    }
}
