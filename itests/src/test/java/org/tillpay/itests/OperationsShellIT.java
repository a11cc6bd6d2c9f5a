package org.tillpay.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.Command;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.tillpay.dintero.emulator.CallbackMode;
import org.tillpay.dintero.emulator.DinteroEmulator;
import org.tillpay.payment.api.PaymentFailedException;
import org.tillpay.payment.api.PaymentMethod;

/**
 * The operations commands in Karaf's own shell: store ids and stuck payments complete, and a payment whose link
 * Dintero made without answering is listed by {@code tillpay:stuck} and found by {@code tillpay:retry} once the
 * customer has paid it, with every callback lost.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OperationsShellIT extends TillpayTestSupport {

    @Inject
    SessionFactory sessions;

    @Configuration
    public Option[] config() {
        return baseConfig();
    }

    /** Runs a command as a user at the console would, and returns what it printed. */
    private String run(String command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        Session session = sessions.create(System.in, print, print);
        try {
            session.execute(command);
        } finally {
            session.close();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** @return the candidates Karaf's completion offers for the last word of the line */
    private List<String> complete(String scope, String name, String... words) throws Exception {
        Session session = sessions.create(System.in, System.out, System.err);
        try {
            awaitCommand(session, scope, name);
            Command command = session.getRegistry().getCommands().stream()
                    .filter(c -> scope.equals(c.getScope()) && name.equals(c.getName())).findFirst().orElseThrow();
            List<String> candidates = new ArrayList<>();
            command.getCompleter(true).complete(session, new Line(scope + ":" + name, words), candidates);
            return candidates.stream().map(String::strip).toList();
        } finally {
            session.close();
        }
    }

    private static void awaitCommand(Session session, String scope, String name) {
        eventually(java.time.Duration.ofSeconds(30), scope + ":" + name + " is registered", () -> session.getRegistry()
                .getCommands().stream().anyMatch(c -> scope.equals(c.getScope()) && name.equals(c.getName())));
    }

    @Test
    public void storeIdsComplete() throws Exception {
        paymentMethod("demo");
        List<String> all = complete("tillpay", "health", "");
        assertTrue(all.toString(), all.contains("demo"));
        List<String> de = complete("tillpay", "stuck", "de");
        assertEquals(List.of("demo"), de);
        assertEquals(List.of(), complete("tillpay", "insight", "nope"));
    }

    @Test
    public void aLostLinkIsStuckUntilRetryFindsItPaid() throws Exception {
        PaymentMethod demo = paymentMethod("demo");
        DinteroEmulator dintero = emulator();
        dintero.setCallbackMode(CallbackMode.DROP);
        try {
            dintero.loseNextSessionResponse();
            ExecutionException lost = org.junit.Assert.assertThrows(ExecutionException.class,
                    () -> ItSales.start(demo, ItSales.sale("demo", "S-LOST-1")));
            assertTrue(lost.getCause().toString(), lost.getCause() instanceof PaymentFailedException);

            String stuck = run("tillpay:stuck demo");
            String line = Arrays.stream(stuck.split("\n")).filter(l -> l.contains("S-LOST-1")).findFirst()
                    .orElseThrow(() -> new AssertionError(stuck));
            assertTrue(line, line.contains("LINK_UNCONFIRMED") && line.contains("CREATED"));
            String paymentId = line.split("\\s*[│|]\\s*")[1].strip();
            assertTrue(complete("tillpay", "retry", "").contains(paymentId));

            String session = dintero.sessions().stream()
                    .filter(s -> "S-LOST-1/1".equals(s.merchantReference())).map(s -> s.sessionId()).findFirst()
                    .orElseThrow();
            dintero.pay(session, "vipps");
            String retried = run("tillpay:retry " + paymentId);
            assertTrue(retried, retried.contains("AUTHORIZED"));
            assertTrue(retried, retried.contains("Nothing waits on Dintero for this payment any more."));
            assertFalse(run("tillpay:stuck demo").contains(paymentId));
            String help = run("tillpay:retry --help");
            assertTrue(help, help.contains("payment-id"));
        } finally {
            dintero.setCallbackMode(CallbackMode.NORMAL);
        }
    }

    /** A command line with the cursor at the end of its last word. */
    private static final class Line implements CommandLine {
        private final String[] arguments;
        private final String buffer;

        Line(String command, String... words) {
            List<String> all = new ArrayList<>(List.of(command));
            all.addAll(List.of(words));
            arguments = all.toArray(String[]::new);
            buffer = String.join(" ", all);
        }

        @Override
        public int getCursorArgumentIndex() {
            return arguments.length - 1;
        }

        @Override
        public String getCursorArgument() {
            return arguments[arguments.length - 1];
        }

        @Override
        public int getArgumentPosition() {
            return getCursorArgument().length();
        }

        @Override
        public String[] getArguments() {
            return arguments;
        }

        @Override
        public int getBufferPosition() {
            return buffer.length();
        }

        @Override
        public String getBuffer() {
            return buffer;
        }
    }
}
