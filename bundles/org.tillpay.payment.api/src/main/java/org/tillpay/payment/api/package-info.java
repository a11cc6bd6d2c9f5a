/**
 * The payment-method SPI of Tillpay: what a host POS/ERP running in Karaf sees of a payment method.
 * <p>
 * A payment method is a {@link org.tillpay.payment.api.PaymentMethod} service, one per store, found on the OSGi
 * service registry by its {@code tillpay.store.id} and {@code tillpay.method.id} properties (whiteboard). The host
 * builds an immutable {@link org.tillpay.payment.api.PaymentRequest}, starts a payment and follows it through its
 * {@link org.tillpay.payment.api.PaymentHandle}; it hears status changes by registering a
 * {@link org.tillpay.payment.api.PaymentListener} service. No type here depends on Camel or Jackson.
 */
@Export
@Version("1.2.0")
package org.tillpay.payment.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
