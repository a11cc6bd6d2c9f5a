package org.tillpay.ledger;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.tillpay.payment.api.PaymentStatus;

/** The payment state machine: which status may follow which. Anything not listed is an impossible transition. */
public final class PaymentTransitions {

    private static final Map<PaymentStatus, Set<PaymentStatus>> ALLOWED = new EnumMap<>(PaymentStatus.class);

    static {
        Set<PaymentStatus> outcomes = EnumSet.of(PaymentStatus.ON_HOLD, PaymentStatus.AUTHORIZED, PaymentStatus.CAPTURED,
                PaymentStatus.DECLINED, PaymentStatus.FAILED, PaymentStatus.CANCELLED, PaymentStatus.EXPIRED);
        Set<PaymentStatus> fromCreated = EnumSet.copyOf(outcomes);
        fromCreated.add(PaymentStatus.LINK_SENT);
        fromCreated.add(PaymentStatus.OPENED);
        ALLOWED.put(PaymentStatus.CREATED, fromCreated);
        Set<PaymentStatus> fromLinkSent = EnumSet.copyOf(outcomes);
        fromLinkSent.add(PaymentStatus.OPENED);
        ALLOWED.put(PaymentStatus.LINK_SENT, fromLinkSent);
        ALLOWED.put(PaymentStatus.OPENED, outcomes);
        ALLOWED.put(PaymentStatus.ON_HOLD, EnumSet.of(PaymentStatus.AUTHORIZED, PaymentStatus.CAPTURED,
                PaymentStatus.DECLINED, PaymentStatus.FAILED, PaymentStatus.CANCELLED));
        ALLOWED.put(PaymentStatus.AUTHORIZED, EnumSet.of(PaymentStatus.CAPTURED, PaymentStatus.CANCELLED));
        for (PaymentStatus s : PaymentStatus.values()) {
            ALLOWED.putIfAbsent(s, EnumSet.noneOf(PaymentStatus.class));
        }
    }

    private PaymentTransitions() {
    }

    /**
     * @param from the current status
     * @param to the proposed status
     * @return true when {@code to} may follow {@code from}; false for the same status
     */
    public static boolean isAllowed(PaymentStatus from, PaymentStatus to) {
        return ALLOWED.get(from).contains(to);
    }
}
