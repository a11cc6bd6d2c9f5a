package org.tillpay.dintero.internal.store;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.ledger.PaymentRecord;
import org.tillpay.payment.api.PaymentEvents;
import org.tillpay.payment.api.PaymentHandle;
import org.tillpay.payment.api.PaymentListener;
import org.tillpay.payment.api.PaymentMethod;
import org.tillpay.payment.api.StatusChange;

/**
 * The whiteboard of host {@link PaymentListener}s, and the EventAdmin topic
 * {@value PaymentEvents#TOPIC_STATUS_CHANGED}. Changes are delivered after they are committed, on one notification
 * thread of this component, so one payment's changes arrive in order; a listener that throws is logged and the others
 * still hear the change. At most {@value #QUEUE_CAPACITY} notifications wait: when a listener does not return and the
 * queue is full, a change waits {@link #QUEUE_WAIT} for room and is then not told (logged as an ERROR; the ledger has
 * it), so a stuck host listener neither fills the memory nor stops payments.
 */
@Component(service = PaymentListeners.class, immediate = true)
public final class PaymentListeners {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentListeners.class);

    /** How many notifications may wait for the notification thread. */
    static final int QUEUE_CAPACITY = 10_000;
    /** How long a change waits for room in a full queue before its notification is dropped. */
    static final Duration QUEUE_WAIT = Duration.ofSeconds(5);

    private final Map<PaymentListener, String> listeners = new ConcurrentHashMap<>();
    private volatile EventAdmin eventAdmin;
    private final BlockingQueue<Runnable> queue;
    private final ThreadPoolExecutor notifier;
    private final Duration queueWait;
    private final AtomicLong dropped = new AtomicLong();

    /** The component: {@value #QUEUE_CAPACITY} notifications may wait, each at most {@link #QUEUE_WAIT} for room. */
    public PaymentListeners() {
        this(QUEUE_CAPACITY, QUEUE_WAIT);
    }

    PaymentListeners(int capacity, Duration queueWait) {
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.queueWait = queueWait;
        this.notifier = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, queue, r -> {
            Thread t = new Thread(r, "tillpay-dintero-listeners");
            t.setDaemon(true);
            return t;
        });
        // notifications are offered to the queue itself (waiting for room), which the started thread takes from
        notifier.prestartAllCoreThreads();
    }

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

    /** @param admin the EventAdmin, when one is installed */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void setEventAdmin(EventAdmin admin) {
        this.eventAdmin = admin;
    }

    /** @param admin the EventAdmin going away */
    public void unsetEventAdmin(EventAdmin admin) {
        if (this.eventAdmin == admin) {
            this.eventAdmin = null;
        }
    }

    /** Stops the notification thread. */
    @Deactivate
    public void stop() throws InterruptedException {
        notifier.shutdown();
        notifier.awaitTermination(5, TimeUnit.SECONDS);
    }

    /**
     * Tells every interested listener about a payment's latest committed change, asynchronously.
     *
     * @param after the payment as recorded after the change
     */
    void notifyLatest(PaymentRecord after) {
        notifyChange(after.toHandle(), after.history().get(after.history().size() - 1));
    }

    /**
     * Tells every interested listener about a committed change, asynchronously.
     *
     * @param payment the payment after the change
     * @param change the change
     */
    void notifyChange(PaymentHandle payment, StatusChange change) {
        Runnable notification = () -> {
            post(payment, change);
            listeners.forEach((listener, store) -> {
                if (store.isEmpty() || store.equals(payment.storeId())) {
                    try {
                        listener.paymentStatusChanged(payment, change);
                    } catch (RuntimeException e) {
                        LOG.warn("store {} sale {}: payment listener {} failed on {}", payment.storeId(),
                                payment.saleReference(), listener.getClass().getName(), change.status(), e);
                    }
                }
            });
        };
        try {
            if (!queue.offer(notification, queueWait.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.error("store {} sale {}: payment {} {} not told to the host listeners: {} notifications wait for"
                        + " a listener that does not return ({} dropped so far); the ledger has the change",
                        payment.storeId(), payment.saleReference(), payment.paymentId(), change.status(),
                        queue.size(), dropped.incrementAndGet());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("store {} sale {}: payment {} {} not told to the host listeners: interrupted", payment.storeId(),
                    payment.saleReference(), payment.paymentId(), change.status());
        }
    }

    private void post(PaymentHandle payment, StatusChange change) {
        EventAdmin admin = eventAdmin;
        if (admin == null) {
            return;
        }
        Map<String, Object> props = new java.util.HashMap<>();
        props.put(PaymentEvents.PAYMENT_ID, payment.paymentId());
        props.put(PaymentEvents.STORE_ID, payment.storeId());
        props.put(PaymentEvents.METHOD_ID, payment.methodId());
        props.put(PaymentEvents.SALE_REFERENCE, payment.saleReference());
        props.put(PaymentEvents.STATUS, change.status().name());
        props.put(PaymentEvents.PAID, change.status().isPaid());
        props.put(PaymentEvents.TERMINAL, change.status().isTerminal());
        props.put(PaymentEvents.PARKED, payment.parked());
        props.put(PaymentEvents.AMOUNT_MINOR, payment.amountMinor());
        props.put(PaymentEvents.CURRENCY, payment.currency());
        admin.postEvent(new Event(PaymentEvents.TOPIC_STATUS_CHANGED, props));
    }
}
