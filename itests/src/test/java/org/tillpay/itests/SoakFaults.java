package org.tillpay.itests;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import org.tillpay.dintero.emulator.CallbackDelivery;
import org.tillpay.dintero.emulator.CallbackMode;
import org.tillpay.dintero.emulator.DinteroEmulator;
import org.tillpay.dintero.emulator.Fault;
import org.tillpay.dintero.emulator.FaultRule;
import org.tillpay.dintero.emulator.FaultRule.Route;
import org.tillpay.dintero.emulator.OperationMode;

/**
 * The soak's fault schedule over the emulator's fault modes and fault rules, and the count of faults injected by kind. Two shapes, so
 * that a new fault kind is one more entry in {@link #WINDOWS} or {@link #STEPS}:
 * <ul>
 * <li>a {@link WindowFault} is switched on for a window of time for the whole emulator (callbacks dropped, duplicated
 * or held, operations answered 202), then off again; the schedule runs the windows in turn with a quiet gap between;
 * <li>a {@link StepFault} is aimed at one step of one sale (its link creation, a capture, refund or void) with a
 * probability, armed just before the step is asked for.
 * </ul>
 */
final class SoakFaults {

    /** A step of a sale a {@link StepFault} can be aimed at. */
    enum Step { START, CAPTURE, REFUND, VOID }

    /** A fault the emulator applies to everything during a window. */
    interface WindowFault {
        /** @return the kind, as counted */
        String kind();

        /** Switches it on. */
        void begin(DinteroEmulator dintero);

        /** Switches it off; @return how many callbacks or operations it affected, when known here, else 0 */
        long end(DinteroEmulator dintero);
    }

    /** A fault aimed at one step of one sale. */
    interface StepFault {
        /** @return the kind, as counted */
        String kind();

        /** @return whether it applies to the step */
        boolean appliesTo(Step step);

        /**
         * Arms the fault for the step about to be asked for.
         *
         * @param transactionId the sale's transaction, null before it is paid
         */
        void arm(DinteroEmulator dintero, String transactionId);
    }

    /** The seed of the fault rules' own random draws. */
    private static final long SEED = 20261122L;

    /** The window faults, run in turn. */
    static final List<WindowFault> WINDOWS = List.of(
            window("callback dropped (DROP)", d -> d.setCallbackMode(CallbackMode.DROP), d -> {
                d.setCallbackMode(CallbackMode.NORMAL);
                return 0;
            }),
            window("callback duplicated (DUPLICATE)", d -> d.setCallbackMode(CallbackMode.DUPLICATE), d -> {
                d.setCallbackMode(CallbackMode.NORMAL);
                return 0;
            }),
            window("callback held and released newest first (DELAY)", d -> d.setCallbackMode(CallbackMode.DELAY),
                    d -> {
                        d.setCallbackMode(CallbackMode.NORMAL);
                        return d.releaseCallbacks();
                    }),
            window("operation accepted 202, completed later (ASYNC)", d -> d.setOperationMode(OperationMode.ASYNC),
                    d -> {
                        d.setOperationMode(OperationMode.SYNC);
                        return d.completePendingOperations();
                    }),
            rule("API latency 50-500 ms", () -> FaultRule.on(Route.ANY,
                    Fault.latency(Duration.ofMillis(50), Duration.ofMillis(500)))),
            rule("API 503 on 30 % of calls", () -> FaultRule.on(Route.ANY, Fault.serverError(503))
                    .withProbability(0.3, SEED)),
            rule("API 429 Retry-After 1 s on 30 % of calls", () -> FaultRule.on(Route.ANY, Fault.tooManyRequests(1))
                    .withProbability(0.3, SEED)),
            rule("transaction read reset before the work, 20 %", () -> FaultRule.on(Route.TRANSACTION_READ,
                    Fault.reset(Fault.Stage.BEFORE_WORK)).withProbability(0.2, SEED)),
            rule("operation reset after the work (answer lost), 10 %", () -> FaultRule.on(
                    Route.TRANSACTION_OPERATION, Fault.reset(Fault.Stage.AFTER_WORK)).withProbability(0.1, SEED)),
            rule("session create answered after 35 s (client timed out), 5 %", () -> FaultRule.on(
                    Route.SESSION_CREATE, Fault.timeout(Duration.ofSeconds(35), Fault.Stage.AFTER_WORK))
                    .withProbability(0.05, SEED)),
            rule("operation 202, completed by itself after 10 s, 20 %", () -> FaultRule.on(
                    Route.TRANSACTION_OPERATION, Fault.operationLate(Duration.ofSeconds(10), null))
                    .withProbability(0.2, SEED)),
            rule("token endpoint outage (503)", () -> FaultRule.on(Route.TOKEN, Fault.serverError(503))));

    /** The step faults, each tried with the schedule's probability at every step it applies to. */
    static final List<StepFault> STEPS = List.of(
            step("session creation answer lost (loseNextSessionResponse)", (d, tx) -> d.loseNextSessionResponse(),
                    Step.START),
            step("operation failed at the provider (failNextOperation)",
                    (d, tx) -> d.failNextOperation(tx, "soak: declined by the acquirer"), Step.CAPTURE, Step.REFUND),
            step("operation answer lost (loseNextOperationResponse)", DinteroEmulator::loseNextOperationResponse,
                    Step.CAPTURE, Step.REFUND, Step.VOID));

    private final DinteroEmulator dintero;
    private final double stepProbability;
    private final Map<String, LongAdder> injected = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> affected = new ConcurrentHashMap<>();

    /**
     * @param dintero the emulator
     * @param stepProbability how likely each step fault is at each step it applies to
     */
    SoakFaults(DinteroEmulator dintero, double stepProbability) {
        this.dintero = dintero;
        this.stepProbability = stepProbability;
    }

    /**
     * Maybe arms step faults for a step (each with the schedule's probability), counting each one armed.
     *
     * @param transactionId the sale's transaction, null before it is paid
     */
    void beforeStep(Step step, String transactionId, Random random) {
        for (StepFault f : STEPS) {
            if (f.appliesTo(step) && random.nextDouble() < stepProbability) {
                f.arm(dintero, transactionId);
                count(injected, f.kind(), 1);
            }
        }
    }

    /**
     * Runs the windows in turn until interrupted: each on for {@code windowMillis}, then a quiet gap as long.
     * Switches the current one off when interrupted.
     */
    void runWindows(long windowMillis) {
        for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
            WindowFault f = WINDOWS.get(i % WINDOWS.size());
            f.begin(dintero);
            count(injected, f.kind(), 1);
            try {
                Thread.sleep(windowMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            count(affected, f.kind(), f.end(dintero));
            try {
                Thread.sleep(windowMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Leaves the emulator with every fault off and nothing held or pending. */
    void allOff() {
        dintero.clearFaults();
        dintero.setCallbackMode(CallbackMode.NORMAL);
        dintero.setOperationMode(OperationMode.SYNC);
        dintero.releaseCallbacks();
        dintero.completePendingOperations();
    }

    /**
     * @return per kind: how often it was injected (windows: how many windows) and what it affected (callbacks dropped
     *         or held, released callbacks, completed operations), as "kind" to {injected, affected}
     */
    Map<String, long[]> counts() {
        Map<String, long[]> all = new TreeMap<>();
        injected.forEach((k, v) -> all.computeIfAbsent(k, x -> new long[2])[0] = v.sum());
        affected.forEach((k, v) -> all.computeIfAbsent(k, x -> new long[2])[1] = v.sum());
        long dropped = 0;
        long held = 0;
        for (CallbackDelivery d : dintero.callbackDeliveries()) {
            if (d.outcome() == CallbackDelivery.Outcome.DROPPED) {
                dropped++;
            } else if (d.outcome() == CallbackDelivery.Outcome.HELD) {
                held++;
            }
        }
        all.computeIfAbsent(WINDOWS.get(0).kind(), x -> new long[2])[1] = dropped;
        all.computeIfAbsent(WINDOWS.get(2).kind(), x -> new long[2])[1] = held;
        return all;
    }

    private static void count(Map<String, LongAdder> counts, String kind, long n) {
        counts.computeIfAbsent(kind, k -> new LongAdder()).add(n);
    }

    private static WindowFault window(String kind, java.util.function.Consumer<DinteroEmulator> on,
            java.util.function.ToLongFunction<DinteroEmulator> off) {
        return new WindowFault() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public void begin(DinteroEmulator dintero) {
                on.accept(dintero);
            }

            @Override
            public long end(DinteroEmulator dintero) {
                return off.applyAsLong(dintero);
            }
        };
    }

    /** A window in which one of the emulator's fault rules is installed; @return its hits when it ends */
    private static WindowFault rule(String kind, Supplier<FaultRule> rule) {
        AtomicReference<String> installed = new AtomicReference<>();
        return window(kind, d -> installed.set(d.addFault(rule.get())), d -> {
            String id = installed.getAndSet(null);
            if (id == null) {
                return 0;
            }
            d.removeFault(id);
            return d.faultHits(id);
        });
    }

    private static StepFault step(String kind, java.util.function.BiConsumer<DinteroEmulator, String> arm,
            Step... appliesTo) {
        List<Step> steps = List.of(appliesTo);
        return new StepFault() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public boolean appliesTo(Step step) {
                return steps.contains(step);
            }

            @Override
            public void arm(DinteroEmulator dintero, String transactionId) {
                arm.accept(dintero, transactionId);
            }
        };
    }
}
