package org.tillpay.itests;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.tillpay.payment.api.PaymentHandle;
import org.tillpay.payment.api.PaymentListener;
import org.tillpay.payment.api.PaymentStatus;
import org.tillpay.payment.api.StatusChange;

/** A host's listener, as a test registers it: remembers every change it hears. */
final class RecordingListener implements PaymentListener {

    /** One change heard. */
    record Heard(PaymentHandle payment, StatusChange change, String thread) {
    }

    private final List<Heard> heard = new CopyOnWriteArrayList<>();

    @Override
    public void paymentStatusChanged(PaymentHandle payment, StatusChange change) {
        heard.add(new Heard(payment, change, Thread.currentThread().getName()));
    }

    List<PaymentStatus> statusesOf(String paymentId) {
        return heard.stream().filter(h -> h.payment().paymentId().equals(paymentId)).map(h -> h.change().status())
                .collect(Collectors.toList());
    }

    List<Heard> all() {
        return List.copyOf(heard);
    }
}
