package org.tillpay.itests;

import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;
import static org.ops4j.pax.exam.CoreOptions.vmOptions;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import javax.inject.Inject;

import org.junit.Rule;
import org.junit.rules.TestWatcher;
import org.junit.runner.Description;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.tillpay.dintero.emulator.DinteroEmulator;
import org.tillpay.dintero.emulator.DinteroPartnerEmulator;
import org.tillpay.payment.api.PaymentMethod;

/**
 * Boots our own distribution (karaf-config) in Pax Exam on free ports, with the demo store and emulator pointed at
 * them. Subclasses are {@code @RunWith(PaxExam.class) @ExamReactorStrategy(PerClass.class)}. On a failure the
 * container's {@code data/log/karaf.log} is printed. No retries: a flaky test is a bug.
 */
public abstract class TillpayTestSupport {

    /** The HTTP port of this test's Karaf, chosen when the configuration is built (outside the container). */
    protected static final String HTTP_PORT_PROPERTY = "tillpay.itest.http.port";

    @Inject
    protected BundleContext bundleContext;

    @Inject
    protected ConfigurationAdmin configAdmin;

    private final List<Configuration> created = new ArrayList<>();

    @Rule
    public final TestWatcher dumpLogOnFailure = new TestWatcher() {
        @Override
        protected void failed(Throwable e, Description description) {
            Path log = Path.of(System.getProperty("karaf.data", "data"), "log", "karaf.log");
            try {
                System.err.println("==== " + log + " (test " + description.getMethodName() + " failed) ====");
                System.err.println(Files.readString(log));
            } catch (IOException io) {
                System.err.println("could not read " + log + ": " + io);
            }
        }
    };

    /** @return the Pax Exam options: our distribution, free ports, Java 17 launcher flags */
    protected Option[] baseConfig() {
        String http = Integer.toString(freePort());
        String base = "http://127.0.0.1:" + http;
        String karaf = System.getProperty("tillpay.itest.karaf.version", "4.4.10");
        String localRepo = System.getProperty("org.ops4j.pax.url.mvn.localRepository",
                System.getProperty("user.home") + "/.m2/repository");
        return new Option[] {
            karafDistributionConfiguration()
                    .frameworkUrl(maven().groupId("org.tillpay").artifactId("tillpay-karaf-config").type("tar.gz")
                            .versionAsInProject())
                    .unpackDirectory(new File("target/exam")).useDeployFolder(false).name("Tillpay"),
            keepRuntimeFolder(),
            configureConsole().ignoreLocalConsole(),
            logLevel(LogLevel.INFO),
            systemTimeout(300_000),
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", http),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(freePort())),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(freePort())),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(freePort())),
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", localRepo),
            editConfigurationFilePut("etc/system.properties", HTTP_PORT_PROPERTY, http),
            editConfigurationFilePut("etc/org.tillpay.dintero.emulator.cfg", "public.base.url", base + "/dintero-emulator"),
            editConfigurationFilePut("etc/org.tillpay.dintero.store-demo.cfg", "api.base.url", base + "/dintero-emulator/api"),
            editConfigurationFilePut("etc/org.tillpay.dintero.store-demo.cfg", "checkout.base.url", base + "/dintero-emulator/checkout"),
            editConfigurationFilePut("etc/org.tillpay.dintero.store-demo.cfg", "callback.base.url", base),
            editConfigurationFilePut("etc/org.tillpay.dintero.partner-demo.cfg", "api.base.url", base + "/dintero-emulator/api"),
            editConfigurationFilePut("etc/org.tillpay.dintero.partner-demo.cfg", "checkout.base.url", base + "/dintero-emulator/checkout"),
            editConfigurationFilePut("etc/org.tillpay.dintero.partner-demo.cfg", "callback.base.url", base),
            vmOptions("--add-reads=java.xml=java.logging",
                    "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
                    "--patch-module", "java.base=lib/endorsed/org.apache.karaf.specs.locator-" + karaf + ".jar",
                    "--patch-module", "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + karaf + ".jar",
                    "--add-opens", "java.base/java.security=ALL-UNNAMED",
                    "--add-opens", "java.base/java.net=ALL-UNNAMED",
                    "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                    "--add-opens", "java.base/java.util=ALL-UNNAMED",
                    "--add-opens", "java.naming/javax.naming.spi=ALL-UNNAMED",
                    "--add-opens", "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
                    "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
                    "--add-exports=java.base/sun.net.www.protocol.ftp=ALL-UNNAMED",
                    "--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
                    "--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
                    "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
                    "--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED",
                    "--add-exports=jdk.xml.dom/org.w3c.dom.html=ALL-UNNAMED",
                    "--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED",
                    "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                    "--add-exports=java.security.sasl/com.sun.security.sasl=ALL-UNNAMED",
                    "--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED",
                    "-Dsun.net.httpserver.nodelay=true"),
        };
    }

    protected static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return this Karaf's base URL, e.g. http://127.0.0.1:40123 */
    protected static String karafBaseUrl() {
        return "http://127.0.0.1:" + System.getProperty(HTTP_PORT_PROPERTY);
    }

    /** Creates (or replaces) a factory configuration, deleted again after the test class. */
    protected Configuration factoryConfig(String factoryPid, String name, Dictionary<String, Object> props)
            throws IOException {
        Configuration c = configAdmin.getFactoryConfiguration(factoryPid, name, "?");
        c.update(props);
        created.add(c);
        return c;
    }

    /** Deletes the configurations this test created. */
    protected void deleteCreatedConfigurations() throws IOException {
        for (Configuration c : created) {
            try {
                c.delete();
            } catch (IllegalStateException alreadyDeleted) {
                // fine
            }
        }
        created.clear();
    }

    /** An account in this Karaf's emulator, for test store {@code storeId}. */
    protected void configureEmulatorAccount(String storeId, String accountId, String clientId, String clientSecret,
            String signatureSecret) throws IOException {
        Dictionary<String, Object> account = new Hashtable<>();
        account.put("account.id", accountId);
        account.put("client.id", clientId);
        account.put("client.secret", clientSecret);
        account.put("signature.secret", signatureSecret);
        account.put("profile.ids", "default");
        factoryConfig("org.tillpay.dintero.emulator.account", "it-" + storeId, account);
        awaitEmulatorAccount(accountId);
    }

    /**
     * Waits until this Karaf's emulator serves an account just configured. The account and the store (or partner)
     * using it are configurations activated apart: a token asked for before the emulator has added the account is
     * answered 401 or 404, as Dintero would answer it.
     */
    protected void awaitEmulatorAccount(String accountId) {
        DinteroPartnerEmulator emulated = awaitService(DinteroPartnerEmulator.class);
        eventually(Duration.ofSeconds(30), "the emulator serves account " + accountId,
                () -> !emulated.profiles(accountId).isEmpty());
    }

    /**
     * An emulator account and a store on it, with credentials derived from the store id, and settings of the test's
     * own over the defaults of {@link #storeProperties}.
     *
     * @return the store's configuration
     */
    protected Configuration configureStore(String storeId, String accountId, Map<String, Object> settings)
            throws IOException {
        configureEmulatorAccount(storeId, accountId, storeId + "-client", storeId + "-secret", storeId + "-signing");
        Dictionary<String, Object> store = storeProperties(storeId, accountId, storeId + "-client",
                storeId + "-secret", storeId + "-signing");
        settings.forEach(store::put);
        return factoryConfig("org.tillpay.dintero.store", "it-" + storeId, store);
    }

    /** Store and emulator account configuration for a test store on this Karaf's emulator. */
    protected void configureStore(String storeId, String accountId, String clientId, String clientSecret,
            String signatureSecret) throws IOException {
        configureEmulatorAccount(storeId, accountId, clientId, clientSecret, signatureSecret);
        factoryConfig("org.tillpay.dintero.store", "it-" + storeId, storeProperties(storeId, accountId, clientId,
                clientSecret, signatureSecret));
    }

    /** @return store configuration properties pointing at this Karaf's emulator */
    protected Dictionary<String, Object> storeProperties(String storeId, String accountId, String clientId,
            String clientSecret, String signatureSecret) {
        Dictionary<String, Object> store = new Hashtable<>();
        store.put("store.id", storeId);
        store.put("store.name", "Store " + storeId);
        store.put("account.id", accountId);
        store.put("client.id", clientId);
        store.put("client.secret", clientSecret);
        store.put("signature.secret", signatureSecret);
        store.put("profile.id", "default");
        store.put("api.base.url", karafBaseUrl() + "/dintero-emulator/api");
        store.put("checkout.base.url", karafBaseUrl() + "/dintero-emulator/checkout");
        store.put("callback.base.url", karafBaseUrl());
        store.put("accounting.number", "1920-" + storeId);
        store.put("poll.interval.seconds", 0);
        return store;
    }

    /** @return the store's Dintero method once registered, within 30 s */
    protected PaymentMethod paymentMethod(String storeId) {
        String filter = "(&(" + PaymentMethod.STORE_ID_PROPERTY + "=" + storeId + ")(" + PaymentMethod.METHOD_ID_PROPERTY
                + "=dintero))";
        PaymentMethod[] found = new PaymentMethod[1];
        eventually(Duration.ofSeconds(30), "store " + storeId + " registers its payment method", () -> {
            found[0] = service(PaymentMethod.class, filter);
            return found[0] != null;
        });
        return found[0];
    }

    /**
     * @return the service, once registered (within 30 s): the emulator is re-activated once early in a container's
     *         life, when its configuration file arrives, so a lookup at that moment finds nothing
     */
    protected <T> T awaitService(Class<T> type) {
        Object[] found = new Object[1];
        eventually(Duration.ofSeconds(30), type.getSimpleName() + " is registered",
                () -> (found[0] = service(type, null)) != null);
        return type.cast(found[0]);
    }

    /** @return this Karaf's Dintero emulator */
    protected DinteroEmulator emulator() {
        return awaitService(DinteroEmulator.class);
    }

    /** @return a service matching the filter, or null */
    protected <T> T service(Class<T> type, String filter) {
        try {
            Collection<ServiceReference<T>> refs = bundleContext.getServiceReferences(type, filter);
            return refs.isEmpty() ? null : bundleContext.getService(refs.iterator().next());
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(filter, e);
        }
    }

    /** @return service lookups for {@link PostgresLedger}: waiting ({@code get}) and immediate ({@code find}) */
    protected PostgresLedger.ServiceLookup services() {
        return new PostgresLedger.ServiceLookup() {
            @Override
            public <T> T get(Class<T> type, String filter) {
                Object[] found = new Object[1];
                eventually(Duration.ofSeconds(30), type.getSimpleName() + " " + filter,
                        () -> (found[0] = service(type, filter)) != null);
                return type.cast(found[0]);
            }

            @Override
            public <T> T find(Class<T> type, String filter) {
                return service(type, filter);
            }
        };
    }

    /** Waits for a condition, polling every 50 ms; fails with the message when the time is up. */
    protected static void eventually(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting until " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what);
            }
        }
    }
}
