package org.tillpay.dintero.emulator.internal.shell;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.tillpay.dintero.emulator.DinteroEmulator;
import org.tillpay.dintero.emulator.Fault;
import org.tillpay.dintero.emulator.FaultRule;

/**
 * {@code dintero-emulator:faults}: lists the injected fault rules with their hit counts, adds one, removes one or
 * clears them all.
 */
@Command(scope = "dintero-emulator", name = "faults", description = "Lists the Dintero emulator's injected faults "
        + "and how often each struck; --add installs one (for example --add 503 --route token --times 3), --remove "
        + "and --clear uninstall.")
@Service
public class FaultsCommand implements Action {

    /** The fault syntax, for the help text and error messages. */
    static final String SYNTAX = "500..599 | 429[:retry-after-seconds] | latency:200ms[-2s] | timeout:30s[:after] | "
            + "reset[:after] | callback-delay:5s | callback-drop | callback-duplicate | operation-fails[:message] | "
            + "operation-late:10s[:failure message]";

    @Reference
    DinteroEmulator emulator;

    @Option(name = "--add", description = "The fault to install: " + SYNTAX)
    String add;

    @Option(name = "--route", description = "What it strikes: any (default; callback and operation faults default to "
            + "their own route), token, session-create, session-read, session-cancel, transaction-read, "
            + "transaction-list, transaction-operation, callback")
    @Completion(value = StringsCompleter.class, values = {"any", "token", "session-create", "session-read",
        "session-cancel", "transaction-read", "transaction-list", "transaction-operation", "callback"})
    String route;

    @Option(name = "--account", description = "Only this account's requests or callbacks")
    String account;

    @Option(name = "--probability", description = "Chance of striking a matching request, above 0 and at most 1")
    double probability = 1;

    @Option(name = "--seed", description = "Seed of the rule's random, for a reproducible pattern (default 0)")
    long seed;

    @Option(name = "--times", description = "Strike at most this many requests")
    int times;

    @Option(name = "--for", description = "Strike only for this long (on the emulator's clock), for example 5m")
    String period;

    @Option(name = "--remove", description = "Uninstall the fault with this id (its hit count stays)")
    String remove;

    @Option(name = "--clear", description = "Uninstall every fault")
    boolean clear;

    @Override
    public Object execute() {
        try {
            if (clear) {
                System.out.println("Removed " + emulator.clearFaults() + " fault(s)");
            }
            if (remove != null) {
                System.out.println(emulator.removeFault(remove.trim()) ? "Removed " + remove : "No fault " + remove);
            }
            if (add != null) {
                String id = emulator.addFault(rule(add, route, account, probability, seed, times, period));
                System.out.println("Added " + id + ": " + emulator.faults().get(id));
            }
        } catch (IllegalArgumentException e) {
            System.err.println("Error: " + e.getMessage());
            return null;
        }
        ShellTable table = new ShellTable().emptyTableText("No faults");
        table.column("Id");
        table.column("Hits").alignRight();
        table.column("Rule");
        for (Map.Entry<String, FaultRule> e : emulator.faults().entrySet()) {
            table.addRow().addContent(e.getKey(), emulator.faultHits(e.getKey()), e.getValue());
        }
        table.print(System.out);
        return null;
    }

    /**
     * Builds a rule from the command's options.
     *
     * @throws IllegalArgumentException when a value is not understood or out of range
     */
    static FaultRule rule(String faultSpec, String routeName, String account, double probability, long seed,
            int times, String period) {
        Fault fault = fault(faultSpec);
        FaultRule.Route route = null;
        if (routeName != null) {
            try {
                route = FaultRule.Route.valueOf(routeName.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown route " + routeName);
            }
        }
        FaultRule rule = route == null ? FaultRule.on(fault) : FaultRule.on(route, fault);
        rule = account == null ? rule : rule.forAccount(account);
        rule = probability == 1 ? rule : rule.withProbability(probability, seed);
        rule = times == 0 ? rule : rule.times(times);
        return period == null ? rule : rule.during(duration(period));
    }

    /**
     * Parses a fault: {@value #SYNTAX}.
     *
     * @param spec the text
     * @return the fault
     * @throws IllegalArgumentException when not understood
     */
    static Fault fault(String spec) {
        String[] parts = (spec == null ? "" : spec.trim()).split(":", 3);
        String name = parts[0].toLowerCase(Locale.ROOT);
        String arg = parts.length > 1 ? parts[1] : null;
        String rest = parts.length > 2 ? parts[2] : null;
        try {
            return switch (name) {
                case "429" -> Fault.tooManyRequests(arg == null ? 1 : Integer.parseInt(arg.trim()));
                case "latency" -> {
                    String[] range = required(arg, spec).split("-", 2);
                    yield range.length == 1 ? Fault.latency(duration(range[0]))
                            : Fault.latency(duration(range[0]), duration(range[1]));
                }
                case "timeout" -> Fault.timeout(duration(required(arg, spec)), stage(rest, spec));
                case "reset" -> Fault.reset(stage(arg, spec));
                case "callback-delay" -> Fault.callbackDelay(duration(required(arg, spec)));
                case "callback-drop" -> Fault.callbackDrop();
                case "callback-duplicate" -> Fault.callbackDuplicate();
                case "operation-fails" -> Fault.operationFailure(parts.length > 1
                        ? spec.trim().substring(spec.trim().indexOf(':') + 1) : null);
                case "operation-late" -> Fault.operationLate(duration(required(arg, spec)), rest);
                default -> Fault.serverError(Integer.parseInt(name));
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a fault: " + spec + " (use " + SYNTAX + ")");
        }
    }

    /** Parses {@code 200ms}, or whatever {@link ClockCommand#parse(String)} takes ({@code 30s}, {@code 5m}). */
    static Duration duration(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("ms")) {
            try {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a duration: " + text);
            }
        }
        return ClockCommand.parse(t);
    }

    private static Fault.Stage stage(String text, String spec) {
        if (text == null || text.isBlank() || "before".equalsIgnoreCase(text.trim())) {
            return Fault.Stage.BEFORE_WORK;
        }
        if ("after".equalsIgnoreCase(text.trim())) {
            return Fault.Stage.AFTER_WORK;
        }
        throw new IllegalArgumentException("not a fault: " + spec + " (before or after the work?)");
    }

    private static String required(String arg, String spec) {
        if (arg == null || arg.isBlank()) {
            throw new IllegalArgumentException("not a fault: " + spec + " (a duration is missing, use " + SYNTAX + ")");
        }
        return arg;
    }
}
