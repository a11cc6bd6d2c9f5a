/**
 * Settlement reports as files: the payouts, the monthly summary, one settlement's normalised report or source file,
 * and the reconciliation of a store's sales against its payouts, each as CSV, XLSX or PDF.
 */
@Export
@Version("1.0.0")
package org.tillpay.reports;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
