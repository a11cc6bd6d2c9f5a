/**
 * Onboarding a store through Dintero's Partner API: one call makes a merchant's store live (API client, grant,
 * payment profile, callback signature, webhook secret, store configuration, a test sale), and running it again reuses
 * what exists.
 */
@Export
@Version("1.0.0")
package org.tillpay.dintero.api.onboarding;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
