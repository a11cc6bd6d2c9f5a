package org.tillpay.shell.internal;

import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.osgi.framework.BundleContext;
import org.tillpay.dintero.api.operations.DinteroStoreOperations;
import org.tillpay.dintero.api.operations.PaymentProfile;

/**
 * {@code tillpay:profiles}: the payment profiles of a store's Dintero account and the methods each offers;
 * {@code --save <id> --methods ...} creates a profile or updates it to offer exactly those methods.
 */
@Service
@Command(scope = "tillpay", name = "profiles", description = "Lists a store's Dintero payment profiles, or creates or updates one")
public class ProfilesCommand implements Action {

    @Reference
    BundleContext context;

    @Argument(index = 0, name = "store", required = true, description = "The store id")
    @Completion(StoreIdCompleter.class)
    String storeId;

    @Option(name = "--save", description = "Create or update this profile (its id)")
    String save;

    @Option(name = "--methods", description = "With --save: the methods it offers, comma separated (vipps,card,...)")
    String methods;

    @Option(name = "--description", description = "With --save: what the profile is for")
    String description;

    @Override
    public Object execute() throws Exception {
        DinteroStoreOperations store = store();
        try {
            if (save != null) {
                if (methods == null || methods.isBlank()) {
                    throw new IllegalArgumentException("--methods: required with --save");
                }
                PaymentProfile saved = store.savePaymentProfile(new PaymentProfile(save, description,
                        Arrays.stream(methods.split(",")).map(String::strip).filter(m -> !m.isEmpty()).toList()))
                        .toCompletableFuture().get(60, TimeUnit.SECONDS);
                System.out.println("Saved " + saved.profileId() + ": " + String.join(", ", saved.paymentMethods()));
                return null;
            }
            ShellTable table = new ShellTable();
            table.column("Profile");
            table.column("Description");
            table.column("Methods");
            for (PaymentProfile p : store.paymentProfiles().toCompletableFuture().get(60, TimeUnit.SECONDS)) {
                table.addRow().addContent(p.profileId(), p.description(), String.join(", ", p.paymentMethods()));
            }
            table.print(System.out);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        return null;
    }

    private DinteroStoreOperations store() {
        return SettlementSources.service(context, DinteroStoreOperations.class, storeId,
                "is not an active Dintero store");
    }
}
