package org.tillpay.shell.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.tillpay.payment.api.PaymentMethod;
import org.tillpay.payment.api.SettlementSource;

/**
 * Finds a store's services (its {@link SettlementSource}, its provider reports, ...), and reads the date options of
 * the settlement commands.
 */
final class SettlementSources {

    private SettlementSources() {
    }

    /**
     * @return the store's settlement source
     * @throws IllegalArgumentException naming the store when it has none
     */
    static SettlementSource forStore(BundleContext context, String storeId) {
        return service(context, SettlementSource.class, storeId, "keeps no settlements");
    }

    /**
     * @param type a service a store registers next to its Dintero {@link PaymentMethod}
     * @param missing what to say when the store has none ("keeps no settlements")
     * @return the store's service of that type
     * @throws IllegalArgumentException naming the store when it is missing or has no such service
     */
    static <T> T service(BundleContext context, Class<T> type, String storeId, String missing) {
        PaymentMethods.forStore(context, storeId, "dintero"); // checks the id and says why a store is missing
        List<T> found = PaymentMethods.services(context, type, "(" + PaymentMethod.STORE_ID_PROPERTY + "=" + storeId
                + ")");
        if (!found.isEmpty()) {
            return found.get(0);
        }
        throw new IllegalArgumentException("store: '" + storeId + "' " + missing);
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
