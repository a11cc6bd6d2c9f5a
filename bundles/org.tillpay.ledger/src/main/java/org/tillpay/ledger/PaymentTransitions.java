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
        Set<PaymentStatus> outcomes = EnumSet.of(PaymentStatus.INITIATED, PaymentStatus.ON_HOLD,
                PaymentStatus.AUTHORIZED, PaymentStatus.CAPTURED, PaymentStatus.DECLINED, PaymentStatus.FAILED,
                PaymentStatus.CANCELLED, PaymentStatus.EXPIRED, PaymentStatus.UNKNOWN);
        Set<PaymentStatus> fromCreated = EnumSet.copyOf(outcomes);
        fromCreated.add(PaymentStatus.LINK_SENT);
        fromCreated.add(PaymentStatus.OPENED);
        ALLOWED.put(PaymentStatus.CREATED, fromCreated);
        Set<PaymentStatus> fromLinkSent = EnumSet.copyOf(outcomes);
        fromLinkSent.add(PaymentStatus.OPENED);
        ALLOWED.put(PaymentStatus.LINK_SENT, fromLinkSent);
        ALLOWED.put(PaymentStatus.OPENED, outcomes);
        Set<PaymentStatus> fromInitiated = EnumSet.copyOf(outcomes);
        fromInitiated.remove(PaymentStatus.INITIATED);
        ALLOWED.put(PaymentStatus.INITIATED, fromInitiated);
        Set<PaymentStatus> decided = EnumSet.of(PaymentStatus.AUTHORIZED, PaymentStatus.CAPTURED,
                PaymentStatus.DECLINED, PaymentStatus.FAILED, PaymentStatus.CANCELLED);
        ALLOWED.put(PaymentStatus.ON_HOLD, decided);
        Set<PaymentStatus> fromUnknown = EnumSet.copyOf(decided);
        fromUnknown.add(PaymentStatus.ON_HOLD);
        ALLOWED.put(PaymentStatus.UNKNOWN, fromUnknown);
        ALLOWED.put(PaymentStatus.AUTHORIZED, EnumSet.of(PaymentStatus.PARTIALLY_CAPTURED, PaymentStatus.CAPTURED,
                PaymentStatus.CANCELLED));
        // voiding the rest after a partial capture leaves what was captured: CAPTURED (or CANCELLED if reported so)
        ALLOWED.put(PaymentStatus.PARTIALLY_CAPTURED, EnumSet.of(PaymentStatus.CAPTURED,
                PaymentStatus.PARTIALLY_CAPTURED_REFUNDED, PaymentStatus.CANCELLED));
        ALLOWED.put(PaymentStatus.PARTIALLY_CAPTURED_REFUNDED, EnumSet.of(PaymentStatus.CAPTURED,
                PaymentStatus.PARTIALLY_REFUNDED, PaymentStatus.REFUNDED));
        ALLOWED.put(PaymentStatus.CAPTURED, EnumSet.of(PaymentStatus.PARTIALLY_REFUNDED, PaymentStatus.REFUNDED));
        ALLOWED.put(PaymentStatus.PARTIALLY_REFUNDED, EnumSet.of(PaymentStatus.REFUNDED));
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
