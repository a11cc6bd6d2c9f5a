package org.tillpay.dintero.emulator;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Fault injection for tests (issue 8, "chaos"), part of {@link DinteroEmulator} (which extends it): rules that make
 * the emulator's HTTP answers slow, failing (5xx, 429 with {@code Retry-After}), late past a client's timeout or lost
 * in a connection reset, that drop, duplicate or delay callbacks, and that make transaction operations fail or
 * complete late. Rules apply on the real HTTP path (the dispatcher servlet, in Karaf and in the test harness) to
 * requests received from when they are added; the first installed rule that matches a request and fires (by its
 * probability) strikes it, and later rules are not consulted. The hosted payment page and the control API are never
 * struck.
 *
 * <p>Faults never corrupt the emulator's ground truth: what its records (sessions, transactions, callback deliveries)
 * say is what happened. A fault that answers in Dintero's place or strikes before the work leaves no trace but its
 * hit count; one that strikes after the work leaves the work recorded, exactly as without the fault. Answers made up
 * by a fault are not Dintero's and are not validated against Dintero's OpenAPI specification by the test harness.
 *
 * @since 1.7
 */
@ProviderType
public interface DinteroFaultEmulator {

    /**
     * Installs a rule; it strikes matching requests received from now on.
     *
     * @param rule the rule
     * @return the rule's id, for example {@code fault-1}; ids are never reused
     */
    String addFault(FaultRule rule);

    /**
     * Uninstalls a rule; its hit count stays readable.
     *
     * @param faultId the rule's id
     * @return whether it was installed
     */
    boolean removeFault(String faultId);

    /**
     * Uninstalls every rule; their hit counts stay readable.
     *
     * @return how many were installed
     */
    int clearFaults();

    /**
     * The installed rules, in the order they were added (exhausted and expired rules included until removed).
     *
     * @return the rules by id
     */
    Map<String, FaultRule> faults();

    /**
     * How often a rule struck: each request (or callback) it changed counts once, whatever then became of it.
     *
     * @param faultId the rule's id, installed or removed
     * @return the count
     * @throws java.util.NoSuchElementException when no rule ever had this id
     */
    int faultHits(String faultId);
}
