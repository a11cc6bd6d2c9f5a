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
import org.tillpay.payment.api.PaymentMethod;

/** Completes a store id with the ids of the active stores (every registered {@link PaymentMethod}). */
@Service
public class StoreIdCompleter implements Completer {

    @Reference
    BundleContext context;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        TreeSet<String> stores = new TreeSet<>();
        PaymentMethods.all(context).forEach(m -> stores.add(m.storeId()));
        return new StringsCompleter(stores).complete(session, commandLine, candidates);
    }
}
