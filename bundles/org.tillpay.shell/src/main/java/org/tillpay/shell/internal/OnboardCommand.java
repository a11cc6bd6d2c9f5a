package org.tillpay.shell.internal;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.osgi.framework.BundleContext;
import org.tillpay.dintero.api.onboarding.OnboardingReport;
import org.tillpay.dintero.api.onboarding.OnboardingRequest;
import org.tillpay.dintero.api.onboarding.StoreOnboarding;

/**
 * {@code tillpay:onboard}: makes a merchant's store live through a configured Dintero partner, reporting each step
 * (client, grant, profile, secrets, configuration, test sale). Running it again reuses what exists.
 */
@Service
@Command(scope = "tillpay", name = "onboard", description = "Onboards a merchant's store through the Dintero Partner API, step by step")
public class OnboardCommand implements Action {

    @Reference
    BundleContext context;

    @Argument(index = 0, name = "account", required = true, description = "The merchant's Dintero account id, e.g. T11200001")
    String account;

    @Argument(index = 1, name = "store", required = true, description = "The store id the POS uses")
    String storeId;

    @Option(name = "--partner", description = "The partner account to act as (when several are configured)")
    String partner;

    @Option(name = "--name", description = "The store's name, shown to customers")
    String name;

    @Option(name = "--signup-reference", description = "The reference the merchant signed up with; checked against Dintero")
    String signupReference;

    @Option(name = "--accounting-number", description = "The store's accounting number for Dintero payments (default 1920)")
    String accountingNumber = "1920";

    @Option(name = "--methods", description = "The payment methods the store offers, comma separated (default vipps,card)")
    String methods = "vipps,card";

    @Option(name = "--no-test-sale", description = "Skip the test sale at the end")
    boolean noTestSale;

    @Option(name = "--rotate-secret", description = "Rotate the onboarded store's client secret instead (payments keep working)")
    boolean rotateSecret;

    @Override
    public Object execute() throws Exception {
        OnboardingReport report;
        if (rotateSecret) {
            report = onboarding().rotateClientSecret(account, storeId).toCompletableFuture().get(180, TimeUnit.SECONDS);
        } else {
            OnboardingRequest request = new OnboardingRequest(account, storeId, name, signupReference,
                    accountingNumber, Arrays.stream(methods.split(",")).map(String::strip).filter(m -> !m.isEmpty())
                            .toList(), !noTestSale);
            report = onboarding().onboard(request).toCompletableFuture().get(180, TimeUnit.SECONDS);
        }
        ShellTable table = new ShellTable();
        table.column("Step");
        table.column("Outcome");
        table.column("Detail");
        report.steps().forEach(s -> table.addRow().addContent(s.name(), s.outcome(), s.detail()));
        table.print(System.out);
        if (rotateSecret) {
            System.out.println(report.succeeded() ? "The client secret of store " + storeId + " was rotated."
                    : "The client secret of store " + storeId + " was not rotated; see the failed step.");
        } else {
            System.out.println(report.succeeded() ? (report.changedNothing() ? "Store " + storeId
                    + " was onboarded already: nothing changed." : "Store " + storeId + " is live.")
                    : "Onboarding of store " + storeId + " stopped; run it again once the cause is fixed.");
        }
        return null;
    }

    private StoreOnboarding onboarding() {
        List<StoreOnboarding> found = PaymentMethods.services(context, StoreOnboarding.class,
                partner == null ? null : "(" + StoreOnboarding.PARTNER_ID_PROPERTY + "=" + partner + ")");
        if (found.isEmpty()) {
            throw new IllegalArgumentException(partner == null ? "no Dintero partner is configured"
                    + " (etc/org.tillpay.dintero.partner-<name>.cfg)" : "--partner: '" + partner + "' is not configured");
        }
        if (found.size() > 1) {
            throw new IllegalArgumentException("--partner: several partners are configured; name one");
        }
        return found.get(0);
    }
}
