package org.tillpay.dintero.emulator.internal;

import java.time.Clock;
import java.util.Map;

import org.tillpay.dintero.emulator.DinteroFaultEmulator;
import org.tillpay.dintero.emulator.FaultRule;

/**
 * The {@link DinteroFaultEmulator} part of the {@link Emulator}: holds its {@link FaultInjector}, which the dispatcher
 * servlet ({@link HttpFaults}), the callback sender and the transaction operations consult. A base class only to keep
 * the emulator core's file short; its own base, {@link PayoutControl}, adds settlements and webhooks.
 */
abstract class FaultControl extends PayoutControl implements DinteroFaultEmulator {

    private final FaultInjector faults;

    /** @param clock the emulator's clock (rule periods run on it) */
    FaultControl(Clock clock) {
        super(clock);
        this.faults = new FaultInjector(clock);
    }

    /** @return the installed fault rules */
    FaultInjector faultInjector() {
        return faults;
    }

    @Override
    public String addFault(FaultRule rule) {
        return faults.add(rule);
    }

    @Override
    public boolean removeFault(String faultId) {
        return faults.remove(faultId);
    }

    @Override
    public int clearFaults() {
        return faults.clear();
    }

    @Override
    public Map<String, FaultRule> faults() {
        return faults.rules();
    }

    @Override
    public int faultHits(String faultId) {
        return faults.hits(faultId);
    }
}
