package org.tillpay.shell.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.tillpay.payment.api.PaymentMethod;
import org.tillpay.payment.api.SettlementSource;

/** Finds a store's {@link SettlementSource}, and reads the date options of the settlement commands. */
final class SettlementSources {

    private SettlementSources() {
    }

    /**
     * @return the store's settlement source
     * @throws IllegalArgumentException naming the store when it has none
     */
    static SettlementSource forStore(BundleContext context, String storeId) {
        PaymentMethods.forStore(context, storeId, "dintero"); // checks the id and says why a store is missing
        try {
            Collection<ServiceReference<SettlementSource>> refs = context.getServiceReferences(SettlementSource.class,
                    "(" + PaymentMethod.STORE_ID_PROPERTY + "=" + storeId + ")");
            for (ServiceReference<SettlementSource> ref : refs) {
                SettlementSource source = context.getService(ref);
                if (source != null) {
                    context.ungetService(ref);
                    return source;
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("store: '" + storeId + "' is not a store id", e);
        }
        throw new IllegalArgumentException("store: '" + storeId + "' keeps no settlements");
    }

    /** @return the date, or null when not given */
    static LocalDate date(String option, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + ": '" + value + "' is not a date such as 2026-11-30");
        }
    }
}
