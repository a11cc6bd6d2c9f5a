package org.tillpay.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.osgi.framework.BundleContext;
import org.tillpay.dintero.api.operations.DinteroStoreOperations;
import org.tillpay.dintero.api.operations.StuckPayment;

/**
 * {@code tillpay:stuck}: the payments that wait on Dintero longer than they should, and why; read from the ledger only.
 * {@code tillpay:retry} tries one again.
 */
@Service
@Command(scope = "tillpay", name = "stuck", description = "Lists payments waiting on Dintero longer than they should")
public class StuckCommand implements Action {

    @Reference
    BundleContext context;

    @Argument(index = 0, name = "store", required = false, description = "Only this store")
    @Completion(StoreIdCompleter.class)
    String storeId;

    @Override
    public Object execute() {
        List<DinteroStoreOperations> stores = DinteroStores.active(context, storeId);
        if (stores.isEmpty() && storeId != null) {
            throw new IllegalArgumentException("store: '" + storeId + "' is not an active Dintero store");
        }
        ShellTable table = new ShellTable().emptyTableText("Nothing is stuck");
        for (String c : new String[] {"Store", "Payment", "Sale", "Status", "Waiting for", "Since"}) {
            table.column(c);
        }
        table.column("Detail").maxSize(80).wrap();
        for (DinteroStoreOperations store : stores) {
            for (StuckPayment s : store.stuckPayments()) {
                table.addRow().addContent(store.storeId(), s.paymentId(), s.saleReference(), s.status(), s.reason(),
                        s.since(), s.detail());
            }
        }
        table.print(System.out);
        return null;
    }
}
