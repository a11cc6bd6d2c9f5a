package org.tillpay.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.tillpay.dintero.emulator.testing.EmulatorServer;

/**
 * Karaf killed (kill -9) in the middle of two payments, one at the till and one parked: the customer pays while
 * Karaf is down, and after the restart both payments complete, each once. This is the real distribution run as a
 * process (not Pax Exam, which cannot restart its container), driven through its own shell with {@code bin/client};
 * Dintero (the emulator) runs in this test's JVM so that it outlives the Karaf that is killed.
 */
public class KarafRestartIT {

    private static final Pattern PAYMENT = Pattern.compile("Payment : (\\S+)");
    private static final Pattern SESSION = Pattern.compile("Session : (\\S+)");

    private static Path home;
    private static EmulatorServer dintero;
    private static Process karaf;
    private static int sshPort;

    @BeforeClass
    public static void unpackAndStart() throws Exception {
        dintero = EmulatorServer.builder().account("T00000001", "demo-client", "demo-client-secret",
                "demo-signature-secret", "default").callbackRetryDelay(Duration.ofMillis(500)).callbackMaxAttempts(20)
                .start();
        home = Files.createTempDirectory(Path.of("target"), "restart-").toAbsolutePath();
        run(home.getParent(), 60, "tar", "xzf", System.getProperty("tillpay.itest.distribution"), "-C", home.toString(),
                "--strip-components=1");
        int http = TillpayTestSupport.freePort();
        sshPort = TillpayTestSupport.freePort();
        set("org.ops4j.pax.web.cfg", "org.osgi.service.http.port", Integer.toString(http));
        set("org.apache.karaf.shell.cfg", "sshPort", Integer.toString(sshPort));
        set("org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(TillpayTestSupport.freePort()));
        set("org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(TillpayTestSupport.freePort()));
        set("org.tillpay.dintero.emulator.cfg", "public.base.url", "http://127.0.0.1:" + http + "/dintero-emulator");
        set("org.tillpay.dintero.store-demo.cfg", "api.base.url", dintero.apiBaseUrl());
        set("org.tillpay.dintero.store-demo.cfg", "checkout.base.url", dintero.checkoutBaseUrl());
        set("org.tillpay.dintero.store-demo.cfg", "callback.base.url", "http://127.0.0.1:" + http);
        set("org.tillpay.dintero.store-demo.cfg", "poll.interval.seconds", "1");
        set("org.tillpay.dintero.store-demo.cfg", "parked.poll.interval.seconds", "10");
        Files.writeString(home.resolve("etc/users.properties"), "\nkaraf = karaf,_g_:admingroup\n"
                + "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh\n",
                java.nio.file.StandardOpenOption.APPEND);
        start();
    }

    @AfterClass
    public static void stop() {
        if (karaf != null) {
            kill();
        }
        if (dintero != null) {
            dintero.close();
        }
    }

    @Test
    public void nothingIsLostWhenKarafIsKilledMidFlow() throws Exception {
        String atTill = client("tillpay:sale --store demo --reference S-KILL-1 --phone +4799999999 --line Genser:1:299.00");
        String parked = client("tillpay:sale --store demo --reference S-KILL-2 --phone +4799999999 --park"
                + " --line Sykkel:1:4999.00");
        String tillPayment = find(PAYMENT, atTill);
        String parkedPayment = find(PAYMENT, parked);
        assertTrue(parked, parked.contains("parked, awaiting payment"));

        kill();
        dintero.emulator().pay(find(SESSION, atTill), "vipps");
        dintero.emulator().pay(find(SESSION, parked), "card");
        start();

        for (String payment : List.of(tillPayment, parkedPayment)) {
            String[] shown = new String[1];
            TillpayTestSupport.eventually(Duration.ofSeconds(90), payment + " is AUTHORIZED after the restart", () -> {
                shown[0] = client("tillpay:payment " + payment);
                return shown[0].contains("Status  : AUTHORIZED");
            });
            String history = shown[0].substring(shown[0].indexOf("History :"));
            assertEquals(shown[0], 1, count(history, " AUTHORIZED ("));
            assertEquals(shown[0], 1, count(history, " LINK_SENT ("));
        }
        assertEquals(List.of(), dintero.contractViolations());
    }

    private static void start() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile()));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        karaf = pb.start();
        TillpayTestSupport.eventually(Duration.ofSeconds(120), "Karaf answers with the demo store",
                () -> client("tillpay:stores").contains("demo  "));
    }

    /** kill -9 of Karaf's JVM and its launcher script. */
    private static void kill() {
        List<ProcessHandle> all = new ArrayList<>(karaf.descendants().toList());
        all.forEach(ProcessHandle::destroyForcibly);
        karaf.destroyForcibly();
        try {
            karaf.waitFor(30, TimeUnit.SECONDS);
            for (ProcessHandle p : all) {
                p.onExit().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Karaf did not die", e);
        }
    }

    /** Runs a shell command through {@code bin/client}; returns what it printed (empty when Karaf is not up yet). */
    private static String client(String command) {
        try {
            return run(home, 60, home.resolve("bin/client").toString(), "-a", Integer.toString(sshPort), "-u", "karaf",
                    "-p", "karaf", "-r", "1", command);
        } catch (Exception e) {
            return "";
        }
    }

    private static String run(Path dir, int seconds, String... command) throws Exception {
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

    private static void set(String file, String key, String value) throws IOException {
        Path cfg = home.resolve("etc").resolve(file);
        List<String> lines = Files.exists(cfg) ? new ArrayList<>(Files.readAllLines(cfg)) : new ArrayList<>();
        lines.removeIf(l -> l.matches("\\s*" + Pattern.quote(key) + "\\s*=.*"));
        lines.add(key + " = " + value);
        Files.write(cfg, lines);
    }

    private static String find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertTrue(text, m.find());
        return m.group(1);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
