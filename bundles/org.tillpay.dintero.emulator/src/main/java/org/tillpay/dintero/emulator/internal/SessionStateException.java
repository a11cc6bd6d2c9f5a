package org.tillpay.dintero.emulator.internal;

/**
 * A session cannot be paid or declined in its current state; {@link #gone()} tells an expired or cancelled session
 * (HTTP 410 on the hosted page) from one that is already paid (409).
 */
public final class SessionStateException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final boolean gone;

    SessionStateException(String message, boolean gone) {
        super(message);
        this.gone = gone;
    }

    /** @return true when the session expired or was cancelled, false when it is already paid */
    public boolean gone() {
        return gone;
    }
}
