package org.tillpay.payment.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Implemented by a host, registered as an OSGi service, to hear about payment status changes (whiteboard).
 * <p>
 * Register it with the service property {@link PaymentMethod#STORE_ID_PROPERTY} to hear one store only; without it
 * the listener hears every store. Calls arrive on a provider-owned thread after the change is committed to the
 * ledger, at most once per change, in the order of the changes of one payment. A listener must return quickly and
 * must not throw; an exception it throws is logged and does not undo the change.
 */
@ConsumerType
public interface PaymentListener {

    /**
     * A payment changed status.
     *
     * @param payment the payment as recorded after the change
     * @param change the change itself, also the last entry of {@link PaymentHandle#history()}
     */
    void paymentStatusChanged(PaymentHandle payment, StatusChange change);
}
