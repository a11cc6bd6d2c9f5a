/**
 * Dintero's settlements (payouts) kept in the ledger's database, and the reconciliation of sales against them.
 */
@Export
@Version("1.1.0")
package org.tillpay.ledger.settlement;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
