package org.tillpay.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.tillpay.dintero.emulator.testing.EmulatorServer;
import org.tillpay.dintero.internal.client.DinteroApi;
import org.tillpay.dintero.internal.store.DinteroStoreCore;
import org.tillpay.ledger.NewPayment;
import org.tillpay.payment.api.PaymentHandle;
import org.tillpay.payment.api.PaymentLine;
import org.tillpay.payment.api.PaymentRequest;
import org.tillpay.payment.api.PaymentStatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The benchmark (see BENCHMARKS.md): link creation through {@code PaymentMethod.startPayment} against the same call
 * made by {@code DinteroApi} alone and by a bare JDK HttpClient, at several concurrencies; callback-to-listener
 * latency; then every link is paid and the run fails if any payment does not end AUTHORIZED in the ledger, if a call
 * failed, or if a store asked for more than one token. Timings are reported, never asserted.
 */
public final class TillpayBench {

    private static final long CALL_TIMEOUT_S = 30;
    private static final int PACED_PER_SECOND = 200;

    private final BenchRig rig;
    private final AtomicInteger sales = new AtomicInteger();
    private final AtomicInteger started = new AtomicInteger();
    private final Queue<String> unpaid = new ConcurrentLinkedQueue<>();
    private final List<String> failures = new ArrayList<>();
    private final StringBuilder report = new StringBuilder();

    private TillpayBench(BenchRig rig) {
        this.rig = rig;
    }

    /** Runs the bench; exit code 0, 1 (a check failed) or 2 (the time limit passed). */
    public static void main(String[] args) throws Exception {
        int[] concurrency = Arrays.stream(System.getProperty("bench.concurrency", "1,8,32").split(","))
                .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        int warmup = Integer.getInteger("bench.warmup", 2000);
        int measured = Integer.getInteger("bench.measured", 5000);
        int callbacks = Integer.getInteger("bench.callbacks", 500);
        int maxMinutes = Integer.getInteger("bench.maxMinutes", 20);
        Path dir = Path.of(System.getProperty("bench.dir", "target"));
        Thread watchdog = new Thread(() -> {
            LockSupport.parkNanos(TimeUnit.MINUTES.toNanos(maxMinutes));
            System.err.println("BENCH FAILED: still running after " + maxMinutes + " minutes");
            Runtime.getRuntime().halt(2);
        }, "bench-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        int code;
        try (BenchRig rig = new BenchRig(dir)) {
            TillpayBench bench = new TillpayBench(rig);
            try {
                bench.run(concurrency, warmup, measured, callbacks);
            } catch (Exception e) {
                e.printStackTrace();
                bench.failures.add("the run stopped: " + e);
            }
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("bench-results.md"), bench.report, StandardCharsets.UTF_8);
            System.out.println(bench.report);
            code = bench.failures.isEmpty() ? 0 : 1;
            bench.failures.forEach(f -> System.out.println("BENCH FAILED: " + f));
        }
        System.exit(code);
    }

    private void run(int[] concurrency, int warmup, int measured, int callbacks) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        line("## Tillpay bench, %s", Instant.now());
        line("%d CPUs seen by the JVM, %s %s, heap max %d MB, load average at start %.2f", os.getAvailableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20, os.getSystemLoadAverage());
        line("warm-up %d per system, then per concurrency %d warm-up + %d measured; %d payments per callback round%n",
                warmup, Math.max(100, measured / 10), measured, callbacks);

        // One link from a probe store through the capturing proxy: the baselines send exactly its body and headers.
        rig.probe.startPayment(request(rig.probe.storeId(), "PROBE-1")).toCompletableFuture()
                .get(CALL_TIMEOUT_S, TimeUnit.SECONDS);
        byte[] body = rig.capture.sessionBody();
        JsonNode rawBody = new ObjectMapper().readTree(body);
        RawDintero raw = new RawDintero(rig.dintero.apiBaseUrl(), rig.dintero.checkoutBaseUrl(), BenchRig.RAW, body,
                rig.capture.sessionHeaders());
        line("Session request body: %d bytes, headers %s%n", body.length, rig.capture.sessionHeaders().keySet());
        DinteroApi camelOnly = new DinteroApi(rig.rawSettings, rig.host, Clock.systemUTC());
        Op tillpay = i -> startLink(unpaid);
        Op camel = i -> camelOnly.createSession(rawBody).get(CALL_TIMEOUT_S, TimeUnit.SECONDS);
        Op bare = i -> raw.createSession();

        round("Tillpay", 8, warmup, tillpay);
        round("DinteroApi", 8, warmup, camel);
        round("raw", 8, warmup, bare);

        line("### Link creation (closed loop, each caller waits for its link)%n");
        line("| callers | Tillpay links/s | p50 ms | p99 ms | CPU ms/link | of it without the emulator | links/s 2 cores"
                + " could carry without the emulator | DinteroApi only links/s | p50 | p99 | raw HttpClient links/s | p50"
                + " | p99 | CPU ms/link | Tillpay / raw throughput | Tillpay ÷ raw p50 | Tillpay ÷ raw p99 |");
        line("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        LatencyRatios ratios = new LatencyRatios();
        for (int c : concurrency) {
            int w = Math.max(100, measured / 10);
            round("Tillpay", c, w, tillpay);
            Round t = round("Tillpay", c, measured, tillpay);
            round("DinteroApi", c, w, camel);
            Round d = round("DinteroApi", c, measured, camel);
            round("raw", c, w, bare);
            Round r = round("raw", c, measured, bare);
            ratios.add(c, t.latency, r.latency);
            line("| %d | %.0f | %s | %s | %.2f | %.2f | %.0f | %.0f | %s | %s | %.0f | %s | %s | %.2f | %.2f | %.2f | %.2f |", c,
                    t.perSecond, Stats.ms(t.latency.p50Ms()), Stats.ms(t.latency.p99Ms()), t.cpuMsPerOp,
                    t.ownCpuMsPerOp, 2 * 1000 / t.ownCpuMsPerOp, d.perSecond,
                    Stats.ms(d.latency.p50Ms()), Stats.ms(d.latency.p99Ms()), r.perSecond, Stats.ms(r.latency.p50Ms()),
                    Stats.ms(r.latency.p99Ms()), r.cpuMsPerOp, t.perSecond / r.perSecond,
                    t.latency.p50Ms() / r.latency.p50Ms(), t.latency.p99Ms() / r.latency.p99Ms());
        }
        line("");
        ratios.verdict().forEach(this::line);
        line("");
        ledgerOnly(measured);

        line("### Callback → host listener (emulator pays with vipps; signed GET callback; verify, read-back, "
                + "ledger, listener)%n");
        line("| round | n | pay() returned → listener p50 / p99 / max ms | callback arrived at our Jetty → listener "
                + "p50 / p99 / max ms | pay() returned → callback arrived p50 / p99 ms |");
        line("|---|---:|---|---|---|");
        callbackRound("one at a time", freshLinks(callbacks), 0);
        callbackRound("paced " + PACED_PER_SECOND + "/s", freshLinks(callbacks), PACED_PER_SECOND);
        line("");
        drain();
        checks();
    }

    // ---- link creation ----------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Op {
        void run(int i) throws Exception;
    }

    /**
     * @param ownCpuMsPerOp process CPU per operation minus what the emulator's threads used (its Jetty and callback
     *        sender; JIT and GC stay in); what Tillpay itself costs when Dintero is elsewhere
     */
    private record Round(Stats latency, double perSecond, double cpuMsPerOp, double ownCpuMsPerOp) {
    }

    /** @return the CPU time used so far by the emulator's live threads */
    private static long emulatorCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(EmulatorServer.THREAD_NAME_PREFIX)) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    private void startLink(Queue<String> sessions) throws Exception {
        int n = sales.incrementAndGet();
        DinteroStoreCore store = rig.stores.get(n % rig.stores.size());
        PaymentHandle link = store.startPayment(request(store.storeId(), "B-" + n)).toCompletableFuture()
                .get(CALL_TIMEOUT_S, TimeUnit.SECONDS);
        started.incrementAndGet();
        if (link.status() != PaymentStatus.LINK_SENT || link.sessionId().isEmpty()) {
            throw new IllegalStateException("payment " + link.paymentId() + " is " + link.status());
        }
        sessions.add(link.sessionId().get());
    }

    private static PaymentRequest request(String storeId, String saleReference) {
        return PaymentRequest.builder().storeId(storeId).saleReference(saleReference).currency("NOK").tillId("till-1")
                .line(PaymentLine.builder().lineId("1").description("Genser").quantity(2).unitPriceMinor(29900))
                .line(PaymentLine.builder().lineId("2").description("Bok").unitPriceMinor(19900)
                        .vatPercent(BigDecimal.ZERO))
                .customerPhone("+4799999999").build();
    }

    /** {@code count} operations from {@code threads} callers, every latency kept. */
    private Round round(String system, int threads, int count, Op op) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long[] latencies = new long[count];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<Exception> firstError = new AtomicReference<>();
        AtomicInteger names = new AtomicInteger();
        ExecutorService callers = Executors.newFixedThreadPool(threads,
                r -> new Thread(r, "bench-" + system + "-" + names.incrementAndGet()));
        long cpu0 = os.getProcessCpuTime();
        long emulatorCpu0 = emulatorCpuNanos();
        long t0 = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(callers.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    long s = System.nanoTime();
                    try {
                        op.run(i);
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, e);
                    }
                    latencies[i] = System.nanoTime() - s;
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        long wall = System.nanoTime() - t0;
        long cpu = os.getProcessCpuTime() - cpu0;
        long ownCpu = cpu - (emulatorCpuNanos() - emulatorCpu0);
        callers.shutdown();
        if (errors.get() > 0) {
            failures.add(system + " at " + threads + " callers: " + errors.get() + " of " + count + " calls failed, "
                    + "first: " + firstError.get());
        }
        Stats stats = Stats.of(latencies);
        System.out.printf(Locale.ROOT, "%-10s %3d callers %6d calls: %7.0f/s  p50 %s ms  p99 %s ms  max %s ms  CPU %.2f"
                + " ms/call, without the emulator's threads %.2f%n", system, threads, count, count * 1e9 / wall,
                Stats.ms(stats.p50Ms()), Stats.ms(stats.p99Ms()), Stats.ms(stats.maxMs()), cpu / 1e6 / count,
                ownCpu / 1e6 / count);
        return new Round(stats, count * 1e9 / wall, cpu / 1e6 / count, ownCpu / 1e6 / count);
    }

    /** The ledger's share of a link: create + merchant-reference lookup + attach session, one caller, no HTTP. */
    private void ledgerOnly(int count) {
        PaymentRequest r = request("ledger-only", "L");
        long[] latencies = new long[count];
        for (int i = 0; i < count; i++) {
            long s = System.nanoTime();
            String id = UUID.randomUUID().toString();
            Instant now = Instant.now();
            rig.ledger.findByMerchantReference("ledger-only", "L-" + i + "/1");
            rig.ledger.create(new NewPayment(id, "ledger-only", "dintero", "L-" + i, "L-" + i + "/1", "NOK",
                    r.amountMinor(), r.vatAmountMinor(), r.lines(), now, now.plus(Duration.ofDays(1))));
            rig.ledger.attachSession(id, "S-" + i, "http://x/" + i, "bench", now);
            latencies[i] = System.nanoTime() - s;
        }
        Stats s = Stats.of(latencies);
        line("Ledger alone (H2 file, pooled; lookup + insert + attach session, 1 caller, %d payments): p50 %s ms, "
                + "p99 %s ms, mean %s ms.%n", count, Stats.ms(s.p50Ms()), Stats.ms(s.p99Ms()), Stats.ms(s.meanMs()));
    }

    // ---- callbacks -------------------------------------------------------------------------------------------

    private List<String> freshLinks(int count) throws Exception {
        Queue<String> sessions = new ConcurrentLinkedQueue<>();
        round("Tillpay", 4, count, i -> startLink(sessions));
        return new ArrayList<>(sessions);
    }

    private void callbackRound(String name, List<String> sessions, int perSecond) throws Exception {
        int n = sessions.size();
        long[] paid = new long[n];
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if (perSecond > 0) {
                long due = start + i * (1_000_000_000L / perSecond);
                while (System.nanoTime() < due) {
                    LockSupport.parkNanos(due - System.nanoTime());
                }
            }
            String session = sessions.get(i);
            rig.authorizedHeard.computeIfAbsent(session, k -> new CompletableFuture<>());
            rig.dintero.emulator().pay(session, "vipps");
            paid[i] = System.nanoTime();
            if (perSecond == 0) {
                awaitHeard(session);
            }
        }
        long[] payToHeard = new long[n];
        long[] arrivedToHeard = new long[n];
        long[] payToArrived = new long[n];
        for (int i = 0; i < n; i++) {
            String session = sessions.get(i);
            long heard = awaitHeard(session);
            long arrived = rig.callbackArrived.get(session);
            payToHeard[i] = heard - paid[i];
            arrivedToHeard[i] = heard - arrived;
            payToArrived[i] = arrived - paid[i];
        }
        Stats a = Stats.of(payToHeard);
        Stats b = Stats.of(arrivedToHeard);
        Stats c = Stats.of(payToArrived);
        line("| %s | %d | %s / %s / %s | %s / %s / %s | %s / %s |", name, n, Stats.ms(a.p50Ms()), Stats.ms(a.p99Ms()),
                Stats.ms(a.maxMs()), Stats.ms(b.p50Ms()), Stats.ms(b.p99Ms()), Stats.ms(b.maxMs()),
                Stats.ms(c.p50Ms()), Stats.ms(c.p99Ms()));
        System.out.printf(Locale.ROOT, "callbacks %s: pay→listener p50 %s p99 %s max %s ms%n", name, Stats.ms(a.p50Ms()),
                Stats.ms(a.p99Ms()), Stats.ms(a.maxMs()));
    }

    private long awaitHeard(String session) throws Exception {
        try {
            return rig.authorizedHeard.get(session).get(CALL_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the listener did not hear AUTHORIZED for session " + session + " within "
                    + CALL_TIMEOUT_S + " s of pay()", e);
        }
    }

    /** Pays every link still unpaid, as fast as one thread can call pay(), and waits for every listener call. */
    private void drain() throws Exception {
        List<String> sessions = new ArrayList<>(unpaid);
        unpaid.clear();
        int before = rig.authorizedCount.get();
        long t0 = System.nanoTime();
        for (String session : sessions) {
            rig.dintero.emulator().pay(session, "vipps");
        }
        long payDone = System.nanoTime();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(Math.max(120, sessions.size() / 50));
        while (rig.authorizedCount.get() - before < sessions.size() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        long wall = System.nanoTime() - t0;
        int heard = rig.authorizedCount.get() - before;
        line("Backlog: all %d remaining links paid at once (pay() loop took %.1f s); the listener heard %d "
                + "AUTHORIZED in %.1f s = %.0f callbacks/s end to end (emulator: 2 callback threads).%n",
                sessions.size(), (payDone - t0) / 1e9, heard, wall / 1e9, heard * 1e9 / wall);
    }

    // ---- checks ----------------------------------------------------------------------------------------------

    private void checks() throws Exception {
        Map<String, Integer> statuses = rig.ledgerStatuses();
        int authorized = statuses.getOrDefault("AUTHORIZED", 0);
        int rows = statuses.values().stream().mapToInt(Integer::intValue).sum();
        line("### Checks%n");
        line("- links started through startPayment: %d; the stores' payments in the ledger by status: %s",
                started.get(), statuses);
        line("- callbacks answered other than 200: %d", rig.callbacksNot200.get());
        if (authorized != started.get() || rows != started.get()) {
            failures.add("payments lost: " + started.get() + " started, " + authorized + " AUTHORIZED, ledger "
                    + statuses);
        }
        for (BenchStores.Account store : List.of(BenchRig.STORE_A, BenchRig.STORE_B)) {
            int tokens = rig.dintero.emulator().tokenRequests(store.accountId());
            line("- token requests, store %s (account %s): %d", store.storeId(), store.accountId(), tokens);
            if (tokens != 1) {
                failures.add("store " + store.storeId() + " asked for " + tokens + " tokens, expected 1");
            }
        }
        line("- token requests, baselines' account %s (probe store, DinteroApi alone, raw client: one each): %d",
                BenchRig.RAW.accountId(), rig.dintero.emulator().tokenRequests(BenchRig.RAW.accountId()));
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        line("- load average at end %.2f; result: %s", os.getSystemLoadAverage(),
                failures.isEmpty() ? "PASSED (no payment lost, one token per store)" : "FAILED " + failures);
    }

    private void line(String format, Object... args) {
        report.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
