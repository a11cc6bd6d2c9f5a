/** Operating Dintero stores: each store's health (token, callbacks, pending payments) and its stuck payments. */
@Export
@Version("1.1.0")
package org.tillpay.dintero.api.operations;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
