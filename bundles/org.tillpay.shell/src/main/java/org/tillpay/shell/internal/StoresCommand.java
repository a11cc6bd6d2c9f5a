package org.tillpay.shell.internal;

import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.osgi.framework.BundleContext;
import org.tillpay.payment.api.PaymentMethod;

/** {@code tillpay:stores}: the active stores and their settings, secrets masked. */
@Service
@Command(scope = "tillpay", name = "stores", description = "Lists the active stores and their payment settings (secrets masked)")
public class StoresCommand implements Action {

    @Reference
    BundleContext context;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Store");
        table.column("Method");
        table.column("Accounting no.");
        table.column("Settings");
        for (PaymentMethod method : PaymentMethods.all(context)) {
            StringBuilder settings = new StringBuilder();
            for (Map.Entry<String, String> e : method.describeSettings().entrySet()) {
                settings.append(settings.length() == 0 ? "" : ", ").append(e.getKey()).append('=').append(e.getValue());
            }
            table.addRow().addContent(method.storeId(), method.methodId(), method.accountingNumber(), settings);
        }
        table.print(System.out);
        return null;
    }
}
