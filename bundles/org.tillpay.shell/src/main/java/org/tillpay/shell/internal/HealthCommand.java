package org.tillpay.shell.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.osgi.framework.BundleContext;
import org.tillpay.dintero.api.operations.DinteroStoreOperations;
import org.tillpay.dintero.api.operations.StoreHealth;

/**
 * {@code tillpay:health}: each Dintero store's health: a new token from Dintero (a revoked client shows at once), the
 * last callback heard, pending payments and open operations.
 */
@Service
@Command(scope = "tillpay", name = "health", description = "Checks each Dintero store: token, last callback, pending payments")
public class HealthCommand implements Action {

    @Reference
    BundleContext context;

    @Argument(index = 0, name = "store", required = false, description = "Only this store")
    @Completion(StoreIdCompleter.class)
    String storeId;

    @Override
    public Object execute() throws Exception {
        List<StoreHealth> all = new ArrayList<>();
        for (DinteroStoreOperations store : DinteroStores.active(context, storeId)) {
            all.add(store.health().toCompletableFuture().get(60, TimeUnit.SECONDS));
        }
        if (all.isEmpty() && storeId != null) {
            throw new IllegalArgumentException("store: '" + storeId + "' is not an active Dintero store");
        }
        all.sort(Comparator.comparing(StoreHealth::storeId));
        ShellTable table = new ShellTable();
        for (String c : new String[] {"Store", "Account", "Token", "Last callback", "Pending", "Open operations"}) {
            table.column(c);
        }
        for (StoreHealth h : all) {
            table.addRow().addContent(h.storeId(), h.accountId(), h.tokenObtainable() ? "ok"
                    : "FAILED: " + h.tokenDetail(), h.lastCallbackAt().map(Object::toString).orElse("-"),
                    h.pendingPayments(), h.openOperations());
        }
        table.print(System.out);
        return null;
    }
}
