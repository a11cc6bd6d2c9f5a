package org.tillpay.shell.internal;

import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.osgi.framework.BundleContext;
import org.tillpay.payment.api.PaymentMethod;

/** {@code tillpay:stores}: the active stores; {@code --verbose} adds every setting, secrets masked. */
@Service
@Command(scope = "tillpay", name = "stores", description = "Lists the active stores and their payment settings (secrets masked)")
public class StoresCommand implements Action {

    @Reference
    BundleContext context;

    @Option(name = "--verbose", aliases = "-v", description = "Show every setting of each store (secrets masked)")
    boolean verbose;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Store");
        table.column("Method");
        table.column("Name");
        table.column("Accounting no.");
        for (PaymentMethod method : PaymentMethods.all(context)) {
            table.addRow().addContent(method.storeId(), method.methodId(), method.displayName(), method.accountingNumber());
        }
        table.print(System.out);
        if (verbose) {
            for (PaymentMethod method : PaymentMethods.all(context)) {
                System.out.println();
                System.out.println(method.storeId() + " (" + method.methodId() + "):");
                for (Map.Entry<String, String> e : method.describeSettings().entrySet()) {
                    System.out.println("  " + e.getKey() + " = " + e.getValue());
                }
            }
        }
        return null;
    }
}
