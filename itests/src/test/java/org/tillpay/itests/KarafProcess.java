package org.tillpay.itests;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

import org.junit.rules.TestWatcher;
import org.junit.runner.Description;

/**
 * Our distribution run as a separate process, for the tests Pax Exam cannot host (a restart, a browser): the tarball
 * ({@code tillpay.itest.distribution}) unpacked into {@code target/<prefix>-*}, free ports written into {@code etc/},
 * {@code bin/karaf server} started and waited for, and killed or stopped. Each instance is one Karaf home; it may be
 * started again after {@link #kill()}.
 */
final class KarafProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Path home;
    private Process karaf;
    private int httpPort;
    private int sshPort;

    private KarafProcess(Path home) {
        this.home = home;
    }

    /**
     * Unpacks the distribution under test into a new directory {@code target/<prefix>*}.
     *
     * @param prefix the directory name's start, e.g. {@code restart-}
     * @return the (not yet started) Karaf
     */
    static KarafProcess unpack(String prefix) throws Exception {
        String tarball = System.getProperty("tillpay.itest.distribution");
        if (tarball == null || !Files.isRegularFile(Path.of(tarball))) {
            throw new IllegalStateException("no distribution at " + tarball + " (system property"
                    + " tillpay.itest.distribution): build it with mvn -B -o -q install -DskipTests"
                    + " -pl bundles/org.tillpay.console,features,karaf-config");
        }
        Files.createDirectories(Path.of("target"));
        Path home = Files.createTempDirectory(Path.of("target"), prefix).toAbsolutePath();
        run(home.getParent(), 60, "tar", "xzf", tarball, "-C", home.toString(), "--strip-components=1");
        return new KarafProcess(home);
    }

    /** Gives HTTP, SSH and the two RMI ports free port numbers, in {@code etc/}. */
    KarafProcess freePorts() throws IOException {
        httpPort = TillpayTestSupport.freePort();
        sshPort = TillpayTestSupport.freePort();
        set("org.ops4j.pax.web.cfg", "org.osgi.service.http.port", Integer.toString(httpPort));
        set("org.apache.karaf.shell.cfg", "sshPort", Integer.toString(sshPort));
        set("org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(TillpayTestSupport.freePort()));
        set("org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(TillpayTestSupport.freePort()));
        return this;
    }

    /** @return Karaf's home directory */
    Path home() {
        return home;
    }

    /** @return the HTTP port chosen by {@link #freePorts()} */
    int httpPort() {
        return httpPort;
    }

    /** @return the SSH port chosen by {@link #freePorts()} */
    int sshPort() {
        return sshPort;
    }

    /** @return e.g. {@code http://127.0.0.1:40123} */
    String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** Sets {@code key = value} in {@code etc/<file>}, replacing the key's line if there is one. */
    KarafProcess set(String file, String key, String value) throws IOException {
        Path cfg = home.resolve("etc").resolve(file);
        List<String> lines = Files.exists(cfg) ? new ArrayList<>(Files.readAllLines(cfg)) : new ArrayList<>();
        lines.removeIf(l -> l.matches("\\s*" + Pattern.quote(key) + "\\s*=.*"));
        lines.add(key + " = " + value);
        Files.write(cfg, lines);
        return this;
    }

    /** Appends text to {@code etc/<file>}. */
    KarafProcess append(String file, String text) throws IOException {
        Files.writeString(home.resolve("etc").resolve(file), text, StandardOpenOption.APPEND);
        return this;
    }

    /**
     * Starts {@code bin/karaf server} (output in {@code console.log}) and waits until it is ready.
     *
     * @param timeout how long Karaf may take
     * @param what what {@code ready} means, for the failure message
     * @param ready true once Karaf is ready
     */
    void start(Duration timeout, String what, BooleanSupplier ready) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile()));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        karaf = pb.start();
        try {
            TillpayTestSupport.eventually(timeout, what, () -> {
                if (!karaf.isAlive()) {
                    throw new AssertionError("Karaf exited (" + karaf.exitValue() + ") before " + what);
                }
                return ready.getAsBoolean();
            });
        } catch (AssertionError notReady) {
            throw new AssertionError(notReady.getMessage() + "\n==== " + home.resolve("data/log/karaf.log")
                    + ", last 200 lines ====\n" + logTail(200), notReady);
        }
    }

    /** kill -9 of Karaf's JVM and its launcher script. */
    void kill() {
        if (karaf == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(karaf.descendants().toList());
        all.forEach(ProcessHandle::destroyForcibly);
        karaf.destroyForcibly();
        awaitExit(all);
    }

    /** Stops Karaf (SIGTERM to its JVM, so that it shuts down in order); kill -9 when that takes over 30 s. */
    void stop() {
        if (karaf == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(karaf.descendants().toList());
        all.forEach(ProcessHandle::destroy);
        try {
            for (ProcessHandle p : all) {
                p.onExit().get(30, TimeUnit.SECONDS);
            }
            karaf.waitFor(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // no orderly end in time
        }
        if (karaf.isAlive() || all.stream().anyMatch(ProcessHandle::isAlive)) {
            kill();
        }
    }

    private void awaitExit(List<ProcessHandle> all) {
        try {
            karaf.waitFor(30, TimeUnit.SECONDS);
            for (ProcessHandle p : all) {
                p.onExit().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Karaf did not die", e);
        }
    }

    /**
     * Runs a shell command through {@code bin/client}.
     *
     * @return what it printed; empty when Karaf is not up yet
     */
    String client(String user, String password, String command) {
        try {
            return run(home, 60, home.resolve("bin/client").toString(), "-a", Integer.toString(sshPort), "-u", user,
                    "-p", password, "-r", "1", command);
        } catch (Exception e) {
            return "";
        }
    }

    /**
     * GET of a URL on this Karaf, with HTTP Basic when a user is given.
     *
     * @return the answer, or null when nothing answered
     */
    HttpResponse<String> get(String path, String user, String password) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** @return true when GET of the path (with HTTP Basic when a user is given) answers 200 */
    boolean answers(String path, String user, String password) {
        HttpResponse<String> r = get(path, user, password);
        return r != null && r.statusCode() == 200;
    }

    /** @return the last lines of {@code data/log/karaf.log} (or why it could not be read) */
    String logTail(int lines) {
        Path log = home.resolve("data/log/karaf.log");
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "could not read " + log + ": " + e;
        }
    }

    /** @return a rule printing the tail of {@code karaf.log} when a test fails */
    TestWatcher dumpLogOnFailure(int lines) {
        return new TestWatcher() {
            @Override
            protected void failed(Throwable e, Description description) {
                System.err.println("==== " + home.resolve("data/log/karaf.log") + ", last " + lines + " lines (test "
                        + description.getMethodName() + " failed) ====");
                System.err.println(logTail(lines));
            }
        };
    }

    /**
     * Runs a command and returns its output (stdout and stderr).
     *
     * @throws IOException when it takes more than {@code seconds}
     */
    static String run(Path dir, int seconds, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        File out = Files.createTempFile("cmd", ".out").toFile();
        pb.redirectOutput(out);
        Process p = pb.start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command));
        }
        String text = Files.readString(out.toPath(), StandardCharsets.UTF_8);
        Files.delete(out.toPath());
        return text;
    }
}
