package org.tillpay.payment.api;

/** Where an operation on a payment was made. */
public enum OperationOrigin {
    /** Asked through Tillpay (the till, the shell or the host). */
    POS,
    /** Made elsewhere, for example in Dintero's Backoffice, and synchronised from the provider. */
    BACK_OFFICE
}
