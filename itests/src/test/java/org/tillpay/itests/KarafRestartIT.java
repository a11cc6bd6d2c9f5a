package org.tillpay.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TestRule;
import org.tillpay.dintero.emulator.testing.EmulatorServer;

/**
 * Karaf killed (kill -9) in the middle of two payments, one at the till and one parked: the customer pays while
 * Karaf is down, and after the restart both payments complete, each once. This is the real distribution run as a
 * process (not Pax Exam, which cannot restart its container), driven through its own shell with {@code bin/client};
 * Dintero (the emulator) runs in this test's JVM so that it outlives the Karaf that is killed. On a failure the tail of
 * Karaf's {@code data/log/karaf.log} is printed.
 */
public class KarafRestartIT {

    private static final Pattern PAYMENT = Pattern.compile("Payment : (\\S+)");
    private static final Pattern SESSION = Pattern.compile("Session : (\\S+)");

    private static KarafProcess karaf;
    private static EmulatorServer dintero;

    @Rule
    public final TestRule dumpLogOnFailure = (base, description) -> karaf == null ? base
            : karaf.dumpLogOnFailure(300).apply(base, description);

    @BeforeClass
    public static void unpackAndStart() throws Exception {
        dintero = EmulatorServer.builder().account("T00000001", "demo-client", "demo-client-secret",
                "demo-signature-secret", "default").callbackRetryDelay(Duration.ofMillis(500)).callbackMaxAttempts(20)
                .start();
        karaf = KarafProcess.unpack("restart-").freePorts();
        String http = karaf.baseUrl();
        karaf.set("org.tillpay.dintero.emulator.cfg", "public.base.url", http + "/dintero-emulator")
                .set("org.tillpay.dintero.store-demo.cfg", "api.base.url", dintero.apiBaseUrl())
                .set("org.tillpay.dintero.store-demo.cfg", "checkout.base.url", dintero.checkoutBaseUrl())
                .set("org.tillpay.dintero.store-demo.cfg", "callback.base.url", http)
                .set("org.tillpay.dintero.store-demo.cfg", "poll.interval.seconds", "1")
                .set("org.tillpay.dintero.store-demo.cfg", "parked.poll.interval.seconds", "10")
                .append("users.properties", "\nkaraf = karaf,_g_:admingroup\n"
                        + "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh\n");
        start();
    }

    @AfterClass
    public static void stop() {
        if (karaf != null) {
            karaf.kill();
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

        karaf.kill();
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
        karaf.start(Duration.ofSeconds(120), "Karaf answers with the demo store",
                () -> client("tillpay:stores").contains("demo  "));
    }

    /** Runs a shell command through {@code bin/client}; returns what it printed (empty when Karaf is not up yet). */
    private static String client(String command) {
        return karaf.client("karaf", "karaf", command);
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
