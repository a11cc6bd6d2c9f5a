package org.tillpay.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 8's "10,000 configured stores" (see BENCHMARKS.md): the built distribution started as a real Karaf process
 * with N store factory configurations ({@code etc/org.tillpay.dintero.store-*.cfg}, the demo store's file with another
 * store id, all on the embedded emulator's demo account), for each N in {@code bench.stores.sizes}: how long until
 * every store logged that it is active, heap after a full GC against 0 stores, threads, idle CPU, token requests at
 * boot, and whether Karaf still answers (one create-link through the console API, {@code tillpay:stores}). It steps
 * up and stops at the first size that does not come up within {@code bench.stores.bootMinutes}. Reported, never
 * asserted; exit 2 when the watchdog ({@code bench.stores.maxMinutes}) fires.
 */
public final class StoresBench {

    private static final String ACCOUNT = "T00000001";
    private static final Pattern TOKENS = Pattern.compile("^\\s*(\\d+)\\s*$", Pattern.MULTILINE);
    private static final String SALE = "{\"saleReference\":\"%s\",\"currency\":\"NOK\",\"lines\":["
            + "{\"lineId\":\"1\",\"description\":\"Genser\",\"quantity\":2,\"unitPriceMinor\":29900},"
            + "{\"lineId\":\"2\",\"description\":\"Bok\",\"unitPriceMinor\":19900,\"vatPercent\":0}],"
            + "\"customerPhone\":\"+4799999999\"}";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One size's results; {@code broke} says why it did not come up, or is null. */
    private record Run(int stores, int active, double upS, double allActiveS, double firstToLastS, double heapMb,
            int threads, double idleCpuPct, String tokens, double linkFirstMs, double linkMedianMs, double shellS,
            int shellRows, String load, String broke) {
    }

    private final Path assembly;
    private final Path dir;
    private final int bootMinutes;
    private final int stallMinutes = Integer.getInteger("bench.stores.stallMinutes", 3);
    /** How long idle CPU is measured: 330 s covers one back-office sweep of every store (every 300 s). */
    private final int idleSeconds = Integer.getInteger("bench.stores.idleSeconds", 30);
    private final AtomicReference<KarafHome> current;
    private final List<Run> runs = new ArrayList<>();
    private final StringBuilder details = new StringBuilder();

    private StoresBench(Path assembly, Path dir, int bootMinutes, AtomicReference<KarafHome> current) {
        this.assembly = assembly;
        this.dir = dir;
        this.bootMinutes = bootMinutes;
        this.current = current;
    }

    /** @param args none; {@code -Dbench.stores.sizes}, {@code -Dbench.stores.karaf}, {@code -Dbench.dir} */
    public static void main(String[] args) throws Exception {
        int[] sizes = Arrays.stream(System.getProperty("bench.stores.sizes", "0,100,1000,10000").split(","))
                .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        Path dir = Path.of(System.getProperty("bench.dir", "target")).toAbsolutePath();
        Path assembly = Path.of(System.getProperty("bench.stores.karaf", "../karaf-config/target/assembly"));
        int maxMinutes = Integer.getInteger("bench.stores.maxMinutes", 90);
        AtomicReference<KarafHome> current = new AtomicReference<>();
        StoresBench bench = new StoresBench(assembly, dir, Integer.getInteger("bench.stores.bootMinutes", 30), current);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            KarafHome k = current.get();
            if (k != null) {
                k.kill();
            }
        }, "bench-stores-karaf-killer"));
        Thread watchdog = new Thread(() -> {
            LockSupport.parkNanos(TimeUnit.MINUTES.toNanos(maxMinutes));
            System.err.println("BENCH FAILED: stores bench still running after " + maxMinutes + " minutes");
            bench.write();
            Runtime.getRuntime().halt(2);
        }, "bench-stores-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        for (int n : sizes) {
            Run run = bench.measure(n);
            bench.runs.add(run);
            bench.write();
            if (run.broke() != null) {
                System.out.println("stores bench: stopped at " + n + " stores: " + run.broke());
                break;
            }
        }
        System.exit(0);
    }

    private Run measure(int n) throws Exception {
        System.out.printf(Locale.ROOT, "stores bench: %d stores, load %s%n", n, load());
        Path home = dir.resolve("stores-" + n);
        try (KarafHome karaf = KarafHome.copy(assembly, home)) {
            current.set(karaf);
            configureStores(karaf, n);
            String loadBefore = load();
            Instant t0 = Instant.now();
            karaf.start();
            Instant up = null;
            List<Instant> active = List.of();
            Instant deadline = t0.plus(Duration.ofMinutes(bootMinutes));
            Instant lastProgress = t0;
            int lastCount = 0;
            String broke = null;
            while (true) {
                TimeUnit.SECONDS.sleep(2);
                if (!karaf.alive()) {
                    broke = "Karaf exited during boot (see " + home.resolve("console.log") + ")";
                    break;
                }
                if (up == null && answers(karaf.baseUrl() + "/tillpay/console/api/openapi.yaml")) {
                    up = Instant.now();
                }
                active = n == 0 ? List.of() : karaf.storesActive();
                if (up != null && active.size() >= n) {
                    break;
                }
                if (active.size() > lastCount || up == null) {
                    lastCount = active.size();
                    lastProgress = Instant.now();
                }
                if (Instant.now().isAfter(deadline)
                        || Instant.now().isAfter(lastProgress.plus(Duration.ofMinutes(stallMinutes)))) {
                    broke = String.format(Locale.ROOT, "%d of %d stores active, none more for %d min (%.0f s after"
                            + " start); %d store activations failed, first cause: %s", active.size(), n,
                            Math.min(stallMinutes, bootMinutes), seconds(t0, Instant.now()),
                            karaf.logLines("Error during instantiation"),
                            karaf.firstLineAfter("Error during instantiation", "Caused by:"));
                    break;
                }
            }
            System.out.printf(Locale.ROOT, "stores bench: %d stores: %d active, %s%n", n, active.size(),
                    broke == null ? "all up" : broke);
            if (up == null || !karaf.alive() || (n > 0 && active.isEmpty())) {
                if (karaf.alive()) {
                    evidence(karaf, home, n);
                }
                return new Run(n, active.size(), up == null ? -1 : seconds(t0, up), -1, -1, -1, -1, -1, "", -1, -1,
                        -1, -1, loadBefore + " → " + load(), broke);
            }
            // measured as well when some stores did not come up: what the active ones cost
            double allS = n == 0 ? seconds(t0, up) : seconds(t0, active.get(active.size() - 1));
            double firstToLast = n == 0 ? 0 : seconds(active.get(0), active.get(active.size() - 1));
            TimeUnit.SECONDS.sleep(30); // token fetches and each store's first settlement fetch (10 s after start)
            KarafProbe probe = new KarafProbe(karaf);
            double idleCpu = probe.cpuPercentOver(idleSeconds);
            int threads = probe.threads();
            double heap = probe.heapAfterFullGcMb();
            evidence(karaf, home, n);
            String tokens = tokenRequests(karaf);
            double[] link = createLinks(karaf, n == 0 ? null : karaf.firstActiveStore(), 11);
            long s0 = System.nanoTime();
            String shell = karaf.client("tillpay:stores", 600);
            double shellS = (System.nanoTime() - s0) / 1e9;
            int rows = (int) shell.lines().filter(l -> l.matches("\\s*st\\d{5}\\s.*")).count();
            return new Run(n, active.size(), seconds(t0, up), allS, firstToLast, heap, threads, idleCpu, tokens,
                    link[0], link[1], shellS, rows, loadBefore + " → " + load(), broke);
        } finally {
            current.set(null);
        }
    }

    /** The demo store's file, once per store with its own id and name (stores st00001...), the demo file removed. */
    private static void configureStores(KarafHome karaf, int n) throws Exception {
        Path demo = karaf.etc("org.tillpay.dintero.store-demo.cfg");
        List<String> template = new ArrayList<>();
        for (String line : Files.readAllLines(demo)) {
            String key = line.split("=", 2)[0].trim();
            switch (key) {
                case "store.id", "store.name", "api.base.url", "checkout.base.url", "callback.base.url" -> { }
                // on a shared account each store's Insight configuration would be listed by every other store at
                // boot (N² work that one account per store, as in production, does not have): left at its default
                case "insight.report.schedule" -> template.add("# insight.report.schedule: default (none), see BENCHMARKS.md");
                default -> template.add(line);
            }
        }
        String base = karaf.baseUrl();
        template.add("api.base.url = " + base + "/dintero-emulator/api");
        template.add("checkout.base.url = " + base + "/dintero-emulator/checkout");
        template.add("callback.base.url = " + base);
        String body = String.join("\n", template) + "\n";
        Files.delete(demo);
        for (int i = 1; i <= n; i++) {
            Files.writeString(karaf.etc("org.tillpay.dintero.store-" + storeId(i) + ".cfg"),
                    "store.id = " + storeId(i) + "\nstore.name = Bench store " + i + "\n" + body);
        }
    }

    private static String storeId(int i) {
        return String.format(Locale.ROOT, "st%05d", i);
    }

    /** Thread dump (names grouped) and class histogram, kept in the run's directory and summed up in the report. */
    private void evidence(KarafHome karaf, Path home, int n) {
        KarafProbe probe = new KarafProbe(karaf);
        details.append(String.format(Locale.ROOT, "#### %d stores%n%n", n));
        try {
            Map<String, Long> groups = probe.threadGroups(home.resolve("threads.txt"));
            details.append("Threads by name (digits as #), largest groups: ");
            groups.entrySet().stream().limit(12).forEach(e -> details.append(String.format(Locale.ROOT, "`%s` %d; ",
                    e.getKey(), e.getValue())));
            details.append(String.format(Locale.ROOT, "%n%nLive objects, largest classes (%s):%n%n```%n",
                    home.resolve("histogram.txt")));
            probe.classHistogram(home.resolve("histogram.txt"), 15).forEach(l -> details.append(l).append('\n'));
            details.append(String.format(Locale.ROOT, "```%n%n"));
        } catch (Exception e) {
            details.append("evidence not taken: ").append(e).append("\n\n");
        }
    }

    /** The emulator's token count for the shared account, read through the shell (gogo calls the service). */
    private static String tokenRequests(KarafHome karaf) {
        String out = karaf.client("echo (($.context getService ($.context getServiceReference "
                + "org.tillpay.dintero.emulator.DinteroEmulator)) tokenRequests " + ACCOUNT + ")", 120);
        Matcher m = TOKENS.matcher(out);
        return m.find() ? m.group(1) : "n/a (" + out.strip().replace('\n', ' ') + ")";
    }

    /** @return the first create-link's time and the median of the others, in ms, through the console API */
    private static double[] createLinks(KarafHome karaf, String store, int count) throws Exception {
        if (store == null) {
            return new double[] {-1, -1};
        }
        double[] ms = new double[count];
        for (int i = 0; i < count; i++) {
            HttpRequest post = HttpRequest.newBuilder(URI.create(karaf.baseUrl() + "/tillpay/console/api/v1/stores/"
                    + store + "/payments")).timeout(Duration.ofSeconds(120))
                    .header("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString("cashier:cashier".getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(String.format(SALE, "ST-" + i))).build();
            long s = System.nanoTime();
            HttpResponse<String> r = HTTP.send(post, HttpResponse.BodyHandlers.ofString());
            ms[i] = (System.nanoTime() - s) / 1e6;
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("create-link answered " + r.statusCode() + ": " + r.body());
            }
        }
        double[] rest = Arrays.copyOfRange(ms, 1, count);
        Arrays.sort(rest);
        return new double[] {ms[0], rest[rest.length / 2]};
    }

    private static boolean answers(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    private static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "?";
        }
    }

    private synchronized void write() {
        Run zero = runs.stream().filter(r -> r.stores() == 0 && r.broke() == null).findFirst().orElse(null);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "## Configured stores in a real Karaf, %s%n%n", Instant.now()));
        out.append("| stores | active | Karaf up s | all stores active s | first → last store s | heap after full GC MB"
                + " | per store KB (vs 0) | threads | idle CPU % of a core (over " + idleSeconds + " s) | token requests at boot"
                + " | create-link via"
                + " console: first / median of 10 ms | tillpay:stores s (rows) | load 1/5/15 before → after |\n");
        out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|\n");
        for (Run r : runs) {
            if (r.heapMb() < 0) {
                out.append(String.format(Locale.ROOT, "| %d | %d | %.1f | **did not come up: %s** | | | | | | | | | %s |%n",
                        r.stores(), r.active(), r.upS(), r.broke(), r.load()));
                continue;
            }
            String perStore = zero == null || r.active() == 0 ? "" : String.format(Locale.ROOT, "%.1f",
                    (r.heapMb() - zero.heapMb()) * 1024 / r.active());
            out.append(String.format(Locale.ROOT, "| %d | %d | %.1f | %.1f | %.1f | %.1f | %s | %d | %.1f | %s | %s |"
                    + " %.1f (%d) | %s |%n", r.stores(), r.active(), r.upS(), r.allActiveS(), r.firstToLastS(),
                    r.heapMb(), perStore, r.threads(), r.idleCpuPct(), r.tokens(),
                    r.linkFirstMs() < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f / %.0f", r.linkFirstMs(),
                            r.linkMedianMs()), r.shellS(), r.shellRows(), r.load()));
        }
        runs.stream().filter(r -> r.broke() != null).forEach(r -> out.append(String.format(Locale.ROOT,
                "%n**%d stores did not all come up**: %s. The row above is what the %d active stores cost (per store"
                + " = heap over 0 stores ÷ active stores).%n", r.stores(), r.broke(), r.active())));
        out.append('\n').append(details);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("stores-results.md"), out, StandardCharsets.UTF_8);
        } catch (Exception e) {
            System.err.println("stores-results.md not written: " + e);
        }
        System.out.println(out);
    }
}
