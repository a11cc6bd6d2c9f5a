package org.tillpay.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the stores bench reads from a running Karaf JVM from outside: heap used after a full GC ({@code jcmd GC.run},
 * {@code GC.heap_info}), its threads and their CPU ({@code /proc}), thread names grouped ({@code jcmd Thread.print}),
 * and the class histogram kept next to the run.
 */
final class KarafProbe {

    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");
    private static final Pattern THREAD_NAME = Pattern.compile("^\"([^\"]*)\"", Pattern.MULTILINE);
    private static final long TICKS_PER_SECOND = 100;

    private final KarafHome karaf;

    KarafProbe(KarafHome karaf) {
        this.karaf = karaf;
    }

    /** @return heap used in MB after two full GCs (the second settles what the first freed into old space) */
    double heapAfterFullGcMb() throws Exception {
        karaf.jcmd(120, "GC.run");
        karaf.jcmd(120, "GC.run");
        String info = karaf.jcmd(60, "GC.heap_info");
        Matcher m = HEAP_USED.matcher(info);
        if (!m.find()) {
            throw new IllegalStateException("no heap use in jcmd GC.heap_info: " + info);
        }
        return Long.parseLong(m.group(1)) / 1024.0;
    }

    /** @return the JVM's live thread count (/proc/pid/status) */
    int threads() throws IOException {
        for (String line : Files.readAllLines(proc("status"))) {
            if (line.startsWith("Threads:")) {
                return Integer.parseInt(line.substring(8).trim());
            }
        }
        throw new IllegalStateException("no Threads: line");
    }

    /** @return the CPU the JVM used over {@code seconds}, in % of one core (/proc/pid/stat utime + stime) */
    double cpuPercentOver(int seconds) throws Exception {
        long t0 = cpuTicks();
        long w0 = System.nanoTime();
        TimeUnit.SECONDS.sleep(seconds);
        long ticks = cpuTicks() - t0;
        double wall = (System.nanoTime() - w0) / 1e9;
        return 100.0 * ticks / TICKS_PER_SECOND / wall;
    }

    /**
     * Takes a thread dump, keeps it as {@code file}, and groups the thread names with digits replaced by {@code #}.
     *
     * @return the groups, largest first
     */
    Map<String, Long> threadGroups(Path file) throws Exception {
        String dump = karaf.jcmd(120, "Thread.print");
        Files.writeString(file, dump);
        Map<String, Long> groups = new TreeMap<>();
        Matcher m = THREAD_NAME.matcher(dump);
        while (m.find()) {
            groups.merge(m.group(1).replaceAll("\\d+", "#"), 1L, Long::sum);
        }
        return groups.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    /** Keeps {@code jcmd GC.class_histogram} (live objects only: it collects first) as {@code file}. */
    List<String> classHistogram(Path file, int top) throws Exception {
        String histogram = karaf.jcmd(300, "GC.class_histogram");
        Files.writeString(file, histogram);
        return histogram.lines().skip(3).limit(top).toList();
    }

    private long cpuTicks() throws IOException {
        String stat = Files.readString(proc("stat"));
        // fields after the command name, which is in parentheses and may hold spaces
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private Path proc(String what) {
        long pid = karaf.jvm().orElseThrow(() -> new IllegalStateException("no Karaf JVM")).pid();
        return Path.of("/proc", Long.toString(pid), what);
    }
}
