package org.tillpay.dintero.internal.onboarding;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
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
import org.tillpay.dintero.internal.client.PartnerApi;
import org.tillpay.dintero.internal.config.DinteroPartnerConfig;
import org.tillpay.dintero.internal.config.InvalidStoreConfigException;
import org.tillpay.dintero.internal.config.PartnerSettings;
import org.tillpay.dintero.internal.store.DinteroStore;
import org.tillpay.dintero.api.onboarding.OnboardingReport;
import org.tillpay.dintero.api.onboarding.OnboardingRequest;
import org.tillpay.dintero.api.onboarding.StoreOnboarding;
import org.tillpay.payment.api.PaymentMethod;

/**
 * One configured Dintero partner ({@code etc/org.tillpay.dintero.partner-<name>.cfg}): the {@link StoreOnboarding}
 * service for its account, registered by hand with only the property
 * {@value StoreOnboarding#PARTNER_ID_PROPERTY} (a DS service would carry the configuration, the client secret
 * included, onto the service registry). Secrets go to the secrets directory Config Admin's interpolation plugin reads (the framework property
 * {@value SecretFiles#DIRECTORY_PROPERTY}). Runs for one store are serialised, so two runs never race to create the
 * same client.
 */
@Component(service = {}, immediate = true, configurationPid = DinteroPartnerConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = DinteroPartnerConfig.class, factory = true)
public final class PartnerComponent implements StoreOnboarding {

    private static final Logger LOG = LoggerFactory.getLogger(PartnerComponent.class);

    private final PartnerApi api;
    private final SecretFiles secrets;
    private final ConfigurationAdmin configurations;
    private final TestSale testSale;
    private final BundleContext context;
    private final ServiceRegistration<StoreOnboarding> registration;
    private CompletableFuture<OnboardingReport> last = CompletableFuture.completedFuture(null);

    /**
     * @param context the bundle's context (the secrets directory, the onboarded store's service)
     * @param config the partner's configuration
     * @param host the Camel host that calls Dintero
     * @param configurations where onboarded stores' configurations are written
     */
    @Activate
    public PartnerComponent(BundleContext context, DinteroPartnerConfig config, @Reference DinteroCamelHost host,
            @Reference ConfigurationAdmin configurations) {
        PartnerSettings settings;
        try {
            settings = PartnerSettings.from(config);
        } catch (InvalidStoreConfigException e) {
            LOG.error("partner {}: configuration refused, onboarding unavailable: {}", config.partner_id(),
                    e.getMessage());
            throw e;
        }
        String directory = context.getProperty(SecretFiles.DIRECTORY_PROPERTY);
        if (directory == null || directory.isBlank()) {
            throw new IllegalStateException("partner " + settings.partnerId() + ": no secrets directory ("
                    + SecretFiles.DIRECTORY_PROPERTY + " is not set): onboarding would have nowhere to keep secrets");
        }
        this.api = new PartnerApi(settings, host, Clock.systemUTC());
        this.secrets = new SecretFiles(Path.of(directory));
        this.configurations = configurations;
        this.testSale = new TestSale(context);
        this.context = context;
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(StoreOnboarding.PARTNER_ID_PROPERTY, settings.partnerId());
        this.registration = context.registerService(StoreOnboarding.class, this, props);
        LOG.info("partner {}: onboarding available (Dintero at {}, secrets in {})", settings.partnerId(),
                settings.apiBaseUrl(), directory);
    }

    /** Unregisters the service. */
    @Deactivate
    public void deactivate() {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the bundle is stopping
        }
    }

    @Override
    public String partnerId() {
        return api.settings().partnerId();
    }

    @Override
    public synchronized CompletionStage<OnboardingReport> onboard(OnboardingRequest request) {
        last = last.handle((x, e) -> null).thenCompose(x -> new StoreOnboarder(api, secrets,
                new StoreConfigurations(StoreConfigurations.configAdmin(configurations)), request).run(testSale));
        return last;
    }

    @Override
    public synchronized CompletionStage<OnboardingReport> rotateClientSecret(String merchantAccountId, String storeId) {
        last = last.handle((x, e) -> null).thenCompose(x -> new SecretRotation(api, secrets, configurations,
                this::runningStore).rotate(merchantAccountId, storeId));
        return last;
    }

    /** @return the store of that id running in this Karaf, if it is */
    private Optional<DinteroStore> runningStore(String storeId) {
        try {
            for (ServiceReference<DinteroStore> ref : context.getServiceReferences(DinteroStore.class,
                    "(" + PaymentMethod.STORE_ID_PROPERTY + "=" + storeId + ")")) {
                DinteroStore store = context.getService(ref);
                if (store != null) {
                    context.ungetService(ref);
                    return Optional.of(store);
                }
            }
        } catch (InvalidSyntaxException | IllegalStateException e) {
            LOG.debug("partner {}: store {} not looked up: {}", partnerId(), storeId, e.getMessage());
        }
        return Optional.empty();
    }
}
