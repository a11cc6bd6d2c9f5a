/**
 * The payment ledger: the durable record of every payment, its provider ids and its status history, behind a small
 * repository service ({@link org.tillpay.ledger.PaymentLedger}) over a JDBC {@code DataSource}.
 */
@Export
@Version("1.5.0")
package org.tillpay.ledger;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
