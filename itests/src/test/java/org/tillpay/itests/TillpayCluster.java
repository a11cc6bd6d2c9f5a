package org.tillpay.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.tillpay.dintero.emulator.testing.EmulatorServer;

/**
 * Several nodes of the distribution ({@link KarafProcess}, each its own home, data directory and HTTP/SSH/RMI ports)
 * on one PostgreSQL ledger, with the same stores configured on each, all talking to one external Dintero (the
 * emulator in the test JVM) and reached by Dintero's callbacks through one {@link CallbackBalancer}. The
 * distribution's demo store and partner are removed (they would talk to whatever listens on port 8181).
 */
final class TillpayCluster implements AutoCloseable {

    /** Console users of the distribution's realm. */
    static final String MANAGER = "manager";

    /** A store: its id and its emulator account, whose client is {@code <account>-client}. */
    record Store(String storeId, String accountId) {
        String clientId() {
            return accountId + "-client";
        }

        String clientSecret() {
            return accountId + "-client-secret";
        }

        String signatureSecret() {
            return accountId + "-signature-secret";
        }
    }

    private final KarafProcess[] nodes;
    private final boolean[] up;
    private final ConsoleApi[] consoles;
    private final List<Store> stores;
    private final CallbackBalancer balancer;

    private TillpayCluster(KarafProcess[] nodes, List<Store> stores, CallbackBalancer balancer) {
        this.nodes = nodes;
        this.up = new boolean[nodes.length];
        this.consoles = new ConsoleApi[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            consoles[i] = new ConsoleApi(nodes[i].baseUrl(), MANAGER, MANAGER);
        }
        this.stores = stores;
        this.balancer = balancer;
    }

    /**
     * Unpacks and configures the nodes (not started yet).
     *
     * @param prefix the nodes' directory prefix under {@code target/}, e.g. {@code multinode-}
     * @param nodeCount how many nodes
     * @param jdbcUrl the ledger's PostgreSQL (user {@code postgres}, trust)
     * @param dintero the emulator every store talks to; each store's account must be one of its accounts, with
     *        client {@code <account>-client}, secret {@code <account>-client-secret} and signature secret
     *        {@code <account>-signature-secret}
     * @param stores the stores, configured identically on every node
     * @param pollSeconds {@code poll.interval.seconds}
     * @param parkedPollSeconds {@code parked.poll.interval.seconds}
     * @return the cluster, its nodes stopped
     */
    static TillpayCluster configure(String prefix, int nodeCount, String jdbcUrl, EmulatorServer dintero,
            List<Store> stores, int pollSeconds, int parkedPollSeconds) throws Exception {
        KarafProcess[] nodes = new KarafProcess[nodeCount];
        TillpayCluster[] self = new TillpayCluster[1];
        CallbackBalancer balancer = CallbackBalancer.start(nodeCount, () -> self[0].liveBaseUrls());
        for (int i = 0; i < nodeCount; i++) {
            nodes[i] = KarafProcess.unpack(prefix + (i + 1) + "-").freePorts();
            configureNode(nodes[i], jdbcUrl, dintero, stores, balancer.baseUrl(), pollSeconds, parkedPollSeconds);
        }
        self[0] = new TillpayCluster(nodes, List.copyOf(stores), balancer);
        return self[0];
    }

    private static void configureNode(KarafProcess node, String jdbcUrl, EmulatorServer dintero, List<Store> stores,
            String callbackBase, int pollSeconds, int parkedPollSeconds) throws IOException {
        Path etc = node.home().resolve("etc");
        Files.deleteIfExists(etc.resolve("org.tillpay.dintero.store-demo.cfg"));
        Files.deleteIfExists(etc.resolve("org.tillpay.dintero.partner-demo.cfg"));
        node.set("org.tillpay.dintero.emulator.cfg", "public.base.url", node.baseUrl() + "/dintero-emulator");
        // the README's PostgreSQL setup: the driver feature, and the datasource configuration instead of H2's
        Path features = etc.resolve("org.apache.karaf.features.cfg");
        String boot = Files.readString(features);
        Files.writeString(features, boot.replace("featuresBoot = \\\n", "featuresBoot = \\\n"
                + "    tillpay-db-postgresql/0.1.0.SNAPSHOT, \\\n"));
        Files.write(etc.resolve("org.ops4j.datasource-tillpay.cfg"), List.of(
                "osgi.jdbc.driver.class = org.postgresql.Driver", "dataSourceName = tillpay", "url = " + jdbcUrl,
                "user = postgres", "pool = dbcp2"));
        Path secrets = node.home().resolve("secrets");
        Files.createDirectories(secrets);
        for (Store s : stores) {
            Files.writeString(secrets.resolve(s.storeId() + "-client-secret"), s.clientSecret());
            Files.writeString(secrets.resolve(s.storeId() + "-signature-secret"), s.signatureSecret());
            Files.write(etc.resolve("org.tillpay.dintero.store-" + s.storeId() + ".cfg"), List.of(
                    "store.id = " + s.storeId(), "store.name = Store " + s.storeId(), "account.id = " + s.accountId(),
                    "client.id = " + s.clientId(), "client.secret = $[secret:" + s.storeId() + "-client-secret]",
                    "signature.secret = $[secret:" + s.storeId() + "-signature-secret]", "profile.id = default",
                    "api.base.url = " + dintero.apiBaseUrl(), "checkout.base.url = " + dintero.checkoutBaseUrl(),
                    "callback.base.url = " + callbackBase, "accounting.number = 1920",
                    "poll.interval.seconds = " + pollSeconds,
                    "parked.poll.interval.seconds = " + parkedPollSeconds,
                    "settlement.poll.interval.minutes = 0", "payment.methods = vipps,mobilepay,klarna,card"));
        }
        Files.writeString(node.home().resolve("bin/setenv"), "\nexport JAVA_MAX_MEM=1024M\n",
                StandardOpenOption.APPEND);
    }

    /** @return the stores */
    List<Store> stores() {
        return stores;
    }

    /** @return how many nodes */
    int size() {
        return nodes.length;
    }

    /** @return node {@code i} (from 0) */
    KarafProcess node(int i) {
        return nodes[i];
    }

    /** @return node {@code i}'s console API, as the manager */
    ConsoleApi console(int i) {
        return consoles[i];
    }

    /** @return whether node {@code i} was started and not killed since */
    synchronized boolean isUp(int i) {
        return up[i];
    }

    /** @return the forwarder Dintero's callbacks go through */
    CallbackBalancer balancer() {
        return balancer;
    }

    /**
     * Starts node {@code i} and waits until its console lists every store.
     *
     * @param timeout how long it may take
     */
    void start(int i, Duration timeout) throws IOException {
        nodes[i].start(timeout, "node " + (i + 1) + " lists all " + stores.size() + " stores", () -> {
            try {
                ConsoleApi.Reply r = consoles[i].stores();
                return r.status() == 200 && r.body().size() == stores.size();
            } catch (IOException e) {
                return false;
            }
        });
        synchronized (this) {
            up[i] = true;
        }
    }

    /**
     * Starts every node at once, as a cluster is rolled out (the ledger's migrations serialise themselves), and waits
     * until each lists every store.
     *
     * @param timeout how long each may take
     */
    void startAll(Duration timeout) throws Exception {
        java.util.concurrent.ExecutorService starters = java.util.concurrent.Executors.newFixedThreadPool(nodes.length);
        try {
            List<java.util.concurrent.Future<?>> started = new ArrayList<>();
            for (int i = 0; i < nodes.length; i++) {
                int node = i;
                started.add(starters.submit(() -> {
                    start(node, timeout);
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : started) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof Exception ex ? ex : new IllegalStateException(e.getCause());
                }
            }
        } finally {
            starters.shutdownNow();
        }
    }

    /**
     * kill -9 of node {@code i}: its launcher script and JVM, and any process still working in its home (a JVM that
     * outlived its launcher when someone else killed the launcher; found by {@code /proc/<pid>/cwd}).
     */
    void kill(int i) {
        synchronized (this) {
            up[i] = false;
        }
        nodes[i].kill();
        ProcessHandle.allProcesses().filter(p -> worksIn(p, nodes[i].home())).forEach(p -> {
            p.destroyForcibly();
            p.onExit().join();
        });
    }

    private static boolean worksIn(ProcessHandle p, Path home) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd")).equals(home);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** @return the base URLs of the nodes up now, null for the others (index = node) */
    synchronized List<String> liveBaseUrls() {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < nodes.length; i++) {
            urls.add(up[i] ? nodes[i].baseUrl() : null);
        }
        return urls;
    }

    /** @return the last lines of each node's {@code karaf.log} */
    String logTails(int lines) {
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < nodes.length; i++) {
            all.append("==== node ").append(i + 1).append(": ").append(nodes[i].home())
                    .append("/data/log/karaf.log, last ").append(lines).append(" lines ====\n")
                    .append(nodes[i].logTail(lines)).append('\n');
        }
        return all.toString();
    }

    /** Kills every node and stops the forwarder. */
    @Override
    public void close() {
        for (int i = 0; i < nodes.length; i++) {
            kill(i);
        }
        balancer.close();
    }

    @Override
    public String toString() {
        return nodes.length + " nodes " + Arrays.toString(liveBaseUrls().toArray()) + ", " + stores.size() + " stores";
    }
}
