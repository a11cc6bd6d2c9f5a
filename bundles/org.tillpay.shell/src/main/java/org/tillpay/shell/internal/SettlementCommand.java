package org.tillpay.shell.internal;

import java.time.LocalDate;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.osgi.framework.BundleContext;
import org.tillpay.ledger.settlement.SettlementStore;
import org.tillpay.payment.api.SettlementSource;

/** What the settlement commands share: the store argument, the period options and the services. */
abstract class SettlementCommand implements Action {

    @Reference
    BundleContext context;

    @Reference
    SettlementStore settlements;

    @Argument(index = 0, name = "store", required = true, description = "The store id")
    @Completion(StoreIdCompleter.class)
    String storeId;

    @Option(name = "--from", description = "Period from (payout date; for sales, created), yyyy-mm-dd")
    String from;

    @Option(name = "--to", description = "Period to, yyyy-mm-dd")
    String to;

    /** @return the store's settlement source */
    SettlementSource source() {
        return SettlementSources.forStore(context, storeId);
    }

    /** @return the --from date, or null */
    LocalDate fromDate() {
        return SettlementSources.date("--from", from);
    }

    /** @return the --to date, or null */
    LocalDate toDate() {
        return SettlementSources.date("--to", to);
    }
}
