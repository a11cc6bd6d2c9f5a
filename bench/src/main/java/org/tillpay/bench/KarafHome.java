package org.tillpay.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One copy of the built distribution ({@code karaf-config/target/assembly}) run as a process by the stores bench, the
 * way itests' {@code KarafProcess} runs the tarball: free ports written into {@code etc/}, {@code bin/karaf server}
 * started with its output in {@code console.log}, its shell reached through {@code bin/client}, and stopped (SIGTERM,
 * then kill -9). {@code system/} is linked, not copied: Karaf only reads it.
 */
final class KarafHome implements AutoCloseable {

    /** The line a store logs once it is active (DinteroStoreComponent). */
    private static final Pattern STORE_ACTIVE = Pattern.compile(
            "^(\\S+) \\|.*\\| store \\S+: Dintero account \\S+ active \\(");
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss,SSS");

    private final Path home;
    private final int httpPort;
    private final int sshPort;
    private Process karaf;

    private KarafHome(Path home) throws IOException {
        this.home = home;
        this.httpPort = freePort();
        this.sshPort = freePort();
    }

    /**
     * Copies the assembly into {@code dir} (emptied first), with free ports and a {@code karaf} user allowed to use
     * the shell over SSH.
     */
    static KarafHome copy(Path assembly, Path dir) throws Exception {
        if (!Files.isDirectory(assembly.resolve("bin"))) {
            throw new IllegalStateException("no Karaf distribution at " + assembly + ": build it with mvn -B -o -q"
                    + " verify -pl features,karaf-config -DskipTests");
        }
        if (Files.exists(dir)) {
            run(dir.getParent(), 300, "rm", "-rf", dir.toString());
        }
        Files.createDirectories(dir);
        try (Stream<Path> top = Files.list(assembly)) {
            for (Path p : top.toList()) {
                if (p.getFileName().toString().equals("system")) {
                    Files.createSymbolicLink(dir.resolve("system"), p.toAbsolutePath());
                } else {
                    run(dir, 300, "cp", "-a", p.toString(), dir.toString());
                }
            }
        }
        KarafHome k = new KarafHome(dir.toAbsolutePath());
        k.set("org.ops4j.pax.web.cfg", "org.osgi.service.http.port", Integer.toString(k.httpPort));
        k.set("org.apache.karaf.shell.cfg", "sshPort", Integer.toString(k.sshPort));
        k.set("org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(freePort()));
        k.set("org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(freePort()));
        k.set("org.tillpay.dintero.emulator.cfg", "public.base.url", k.baseUrl() + "/dintero-emulator");
        Files.writeString(k.etc("users.properties"), "\nkaraf = karaf,_g_:admingroup\n"
                + "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh\n",
                java.nio.file.StandardOpenOption.APPEND);
        return k;
    }

    /** @return e.g. {@code http://127.0.0.1:40123} */
    String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    Path home() {
        return home;
    }

    Path etc(String file) {
        return home.resolve("etc").resolve(file);
    }

    /** Sets {@code key = value} in {@code etc/<file>}, replacing the key's line if there is one. */
    void set(String file, String key, String value) throws IOException {
        Path cfg = etc(file);
        List<String> lines = Files.exists(cfg) ? new ArrayList<>(Files.readAllLines(cfg)) : new ArrayList<>();
        lines.removeIf(l -> l.matches("\\s*" + Pattern.quote(key) + "\\s*=.*"));
        lines.add(key + " = " + value);
        Files.write(cfg, lines);
    }

    /** Starts {@code bin/karaf server}; does not wait. */
    void start() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile()));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        karaf = pb.start();
    }

    /** @return true while the launcher runs */
    boolean alive() {
        return karaf != null && karaf.isAlive();
    }

    /** @return the Karaf JVM (the launcher script's java child), once it runs */
    Optional<ProcessHandle> jvm() {
        if (karaf == null) {
            return Optional.empty();
        }
        return Stream.concat(Stream.of(karaf.toHandle()), karaf.descendants())
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false)).findFirst();
    }

    /** @return the instants at which stores logged that they are active, in log order (every karaf.log*) */
    List<Instant> storesActive() {
        List<Instant> at = new ArrayList<>();
        eachLogLine(l -> {
            if (l.contains(": Dintero account ")) {
                Matcher m = STORE_ACTIVE.matcher(l);
                if (m.find()) {
                    at.add(LocalDateTime.parse(m.group(1), LOG_TIME).atZone(ZoneId.systemDefault()).toInstant());
                }
            }
        });
        at.sort(Comparator.naturalOrder());
        return at;
    }

    /** @return how many lines of every karaf.log* contain {@code text} */
    long logLines(String text) {
        long[] n = {0};
        eachLogLine(l -> n[0] += l.contains(text) ? 1 : 0);
        return n[0];
    }

    /** Hands every line of every karaf.log* (rotated ones too) to {@code action}; a file rotated meanwhile is skipped. */
    private void eachLogLine(java.util.function.Consumer<String> action) {
        Path logs = home.resolve("data/log");
        if (!Files.isDirectory(logs)) {
            return;
        }
        try (Stream<Path> files = Files.list(logs)) {
            for (Path log : files.filter(f -> f.getFileName().toString().startsWith("karaf.log")).toList()) {
                try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
                    lines.forEach(action);
                } catch (UncheckedIOException | IOException rotatedMeanwhile) {
                    // counted at the next look
                }
            }
        } catch (IOException e) {
            // no logs yet
        }
    }

    /** @return the id of the first store that logged it is active, in karaf.log */
    String firstActiveStore() {
        Pattern id = Pattern.compile("\\| store (\\S+): Dintero account \\S+ active \\(");
        try (Stream<String> lines = Files.lines(home.resolve("data/log/karaf.log"), StandardCharsets.UTF_8)) {
            return lines.map(id::matcher).filter(Matcher::find).findFirst().map(m -> m.group(1))
                    .orElseThrow(() -> new IllegalStateException("no store is active"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @return the first line of {@code karaf.log} starting with {@code prefix} (leading blanks ignored) after the first
     *         line containing {@code marker}; empty when there is none
     */
    String firstLineAfter(String marker, String prefix) {
        try (Stream<String> lines = Files.lines(home.resolve("data/log/karaf.log"), StandardCharsets.UTF_8)) {
            boolean[] seen = {false};
            return lines.filter(l -> {
                if (!seen[0]) {
                    seen[0] = l.contains(marker);
                    return false;
                }
                return l.strip().startsWith(prefix) || l.contains("| " + prefix);
            }).findFirst().map(String::strip).orElse("");
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    /** Runs a shell command through {@code bin/client}; returns what it printed. */
    String client(String command, int seconds) {
        try {
            return run(home, seconds, home.resolve("bin/client").toString(), "-a", Integer.toString(sshPort), "-u",
                    "karaf", "-p", "karaf", "-r", "3", command);
        } catch (Exception e) {
            return "client failed: " + e.getMessage();
        }
    }

    /** Runs {@code jcmd <karaf pid> <args>} with the bench's JDK. */
    String jcmd(int seconds, String... args) throws Exception {
        long pid = jvm().orElseThrow(() -> new IllegalStateException("no Karaf JVM")).pid();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        cmd.addAll(List.of(args));
        return run(home, seconds, cmd.toArray(String[]::new));
    }

    /** Stops Karaf: SIGTERM to its JVM and launcher, kill -9 after 60 s. */
    @Override
    public void close() {
        if (karaf == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(karaf.descendants().toList());
        all.forEach(ProcessHandle::destroy);
        try {
            for (ProcessHandle p : all) {
                p.onExit().get(60, TimeUnit.SECONDS);
            }
            karaf.waitFor(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // no orderly end in time
        }
        kill();
    }

    /** kill -9 of Karaf's JVM and its launcher (the watchdog's way out). */
    void kill() {
        if (karaf == null) {
            return;
        }
        karaf.descendants().forEach(ProcessHandle::destroyForcibly);
        karaf.destroyForcibly();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Runs a command, waits at most {@code seconds}, and returns its output (stdout and stderr). */
    static String run(Path dir, int seconds, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        File out = Files.createTempFile("bench-cmd", ".out").toFile();
        pb.redirectOutput(out);
        Process p = pb.start();
        try {
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IOException("timed out after " + seconds + " s: " + String.join(" ", command));
            }
            return Files.readString(out.toPath(), StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out.toPath());
        }
    }
}
