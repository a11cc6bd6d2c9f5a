package org.tillpay.shell.internal;

import java.util.List;
import java.util.TreeSet;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.osgi.framework.BundleContext;
import org.tillpay.dintero.api.operations.DinteroStoreOperations;
import org.tillpay.dintero.api.operations.StuckPayment;

/** Completes a payment id with the ids of the stuck payments of every Dintero store. */
@Service
public class StuckPaymentIdCompleter implements Completer {

    @Reference
    BundleContext context;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        TreeSet<String> ids = new TreeSet<>();
        for (DinteroStoreOperations store : DinteroStores.active(context, null)) {
            store.stuckPayments().stream().map(StuckPayment::paymentId).forEach(ids::add);
        }
        return new StringsCompleter(ids).complete(session, commandLine, candidates);
    }
}
