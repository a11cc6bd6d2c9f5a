package org.tillpay.dintero.internal.store;

import java.io.IOException;
import java.time.Clock;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.dintero.internal.client.DinteroCamelHost;
import org.tillpay.dintero.internal.config.DinteroStoreConfig;
import org.tillpay.dintero.internal.config.InvalidStoreConfigException;
import org.tillpay.dintero.internal.config.SecretReferences;
import org.tillpay.dintero.internal.config.StoreSettings;
import org.tillpay.ledger.PaymentLedger;
import org.tillpay.ledger.settlement.SettlementStore;
import org.tillpay.dintero.api.operations.DinteroStoreOperations;
import org.tillpay.payment.api.PaymentMethod;
import org.tillpay.payment.api.ProviderReportSource;
import org.tillpay.payment.api.SettlementSource;

/**
 * One store's Dintero payment method, made from one factory configuration ({@code etc/org.tillpay.dintero.store-*.cfg}).
 * <p>
 * The settings are validated when the component activates; a broken file leaves this store inactive with a log line
 * naming the key, while other stores keep working. Changing a file re-creates only that store. The component registers
 * the store's {@link PaymentMethod}, {@link DinteroStore} and {@link SettlementSource} services itself, with only
 * {@code tillpay.store.id} and {@code tillpay.method.id} as properties: declaring them through DS would publish every
 * configuration property, secrets included, on the service registry. It also schedules the store's poller and its
 * settlement fetches; the poller claims payments in the ledger as node {@value PollerNode#NODE_ID_PROPERTY} (see
 * {@link PollerNode}), so the store's pollers on several nodes share the work. A round runs only when
 * {@link StoresAwaitingDintero} says the store has something awaiting Dintero, or its back-office sweep is due.
 */
@Component(service = {}, configurationPid = DinteroStoreConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true)
@Designate(ocd = DinteroStoreConfig.class, factory = true)
public final class DinteroStoreComponent {

    private static final Logger LOG = LoggerFactory.getLogger(DinteroStoreComponent.class);

    private final DinteroStoreCore store;
    private final ScheduledFuture<?> poller;
    private final ScheduledFuture<?> settlementFetches;
    private final ServiceRegistration<?> registration;
    private final ScheduledExecutorService scheduler;
    private volatile boolean active = true;
    /** The next attempt to set the account up, while one is scheduled. */
    private volatile ScheduledFuture<?> accountSetupRetry;

    /**
     * @param context this bundle's context, to register the store's services
     * @param config the store's configuration
     * @param host the Camel host
     * @param ledger the payment ledger
     * @param listeners the host listeners
     * @param settlementStore where the store's settlements are kept
     * @param configurations the configurations, to warn of secrets kept in them in plain text
     * @param awaiting which stores the pollers have work for: an idle store's round is skipped
     */
    @Activate
    public DinteroStoreComponent(BundleContext context, DinteroStoreConfig config, Map<String, Object> properties,
            @Reference DinteroCamelHost host, @Reference PaymentLedger ledger, @Reference PaymentListeners listeners,
            @Reference SettlementStore settlementStore, @Reference ConfigurationAdmin configurations,
            @Reference StoresAwaitingDintero awaiting) {
        StoreSettings settings;
        try {
            settings = StoreSettings.from(config);
        } catch (InvalidStoreConfigException e) {
            LOG.error("store {}: configuration refused, store inactive: {}", config.store_id(), e.getMessage());
            throw e;
        }
        warnOfPlainSecrets(settings.storeId(), configurations, (String) properties.get(Constants.SERVICE_PID));
        String nodeId = PollerNode.id(context.getProperty(PollerNode.NODE_ID_PROPERTY),
                context.getProperty("karaf.name"));
        this.store = new DinteroStoreCore(settings, host, ledger, settlementStore, listeners, nodeId,
                Clock.systemUTC());
        int every = settings.pollIntervalSeconds();
        this.poller = every == 0 ? null
                : host.scheduler().scheduleWithFixedDelay(awaiting.roundOf(store), every, every, TimeUnit.SECONDS);
        int minutes = settings.settlements().pollIntervalMinutes();
        // the first fetch soon after start (catching up after downtime), then every interval
        this.settlementFetches = minutes == 0 ? null : host.scheduler().scheduleWithFixedDelay(
                store::fetchSettlementsOnSchedule, 10, minutes * 60L, TimeUnit.SECONDS);
        this.scheduler = host.scheduler();
        setUpAccount(0);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(PaymentMethod.STORE_ID_PROPERTY, settings.storeId());
        props.put(PaymentMethod.METHOD_ID_PROPERTY, DinteroStoreCore.METHOD_ID);
        this.registration = context.registerService(
                new String[] {PaymentMethod.class.getName(), DinteroStore.class.getName(),
                    SettlementSource.class.getName(), ProviderReportSource.class.getName(),
                    DinteroStoreOperations.class.getName()}, store, props);
        LOG.info("store {}: Dintero account {} active (profile {}, Dintero at {}, poller node {})",
                settings.storeId(), settings.accountId(), settings.profileId(), settings.checkoutBaseUrl(), nodeId);
    }

    /** Says which secrets the store's configuration holds in plain text rather than naming them (never their values). */
    private static void warnOfPlainSecrets(String storeId, ConfigurationAdmin configurations, String pid) {
        if (pid == null) {
            return;
        }
        try {
            List<String> plain = SecretReferences.plainText(configurations.getConfiguration(pid, "?").getProperties());
            if (!plain.isEmpty()) {
                LOG.warn("store {}: {} in plain text in the configuration; put each in its own file in the secrets"
                        + " directory and name it there, e.g. client.secret = $[secret:{}-client-secret] (README,"
                        + " \"Secrets\")", storeId, String.join(", ", plain), storeId);
            }
        } catch (IOException e) {
            LOG.debug("store {}: configuration {} not read for the secrets check: {}", storeId, pid, e.getMessage());
        }
    }

    /** Sets the account up at Dintero; a failed attempt is made again later, while the store is active. */
    private void setUpAccount(int attempt) {
        store.ensureAccountSetup(attempt).thenAccept(done -> {
            if (done || !active) {
                return;
            }
            try {
                accountSetupRetry = scheduler.schedule(() -> setUpAccount(attempt + 1),
                        AccountSetup.retryDelay(attempt).toSeconds(), TimeUnit.SECONDS);
            } catch (RejectedExecutionException stopping) {
                // the Camel host is stopping: the next start tries again
            }
        });
    }

    /** Unregisters the store and stops its poller. */
    @Deactivate
    public void deactivate() {
        active = false;
        ScheduledFuture<?> retry = accountSetupRetry;
        if (retry != null) {
            retry.cancel(false);
        }
        if (poller != null) {
            poller.cancel(false);
        }
        if (settlementFetches != null) {
            settlementFetches.cancel(false);
        }
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the bundle is stopping
        }
        LOG.info("store {}: Dintero store inactive", store.storeId());
    }
}
