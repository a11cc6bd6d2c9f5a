package org.tillpay.dintero.api.onboarding;

import java.util.List;
import java.util.Objects;

/**
 * What an onboarding run did, step by step.
 *
 * @param merchantAccountId the merchant
 * @param storeId the store
 * @param steps every step run, in order; the run stops at the first {@link Outcome#FAILED} one
 */
public record OnboardingReport(String merchantAccountId, String storeId, List<Step> steps) {

    /** What a step did. */
    public enum Outcome {
        /** It made something new at Dintero or here. */
        CREATED,
        /** What it needs existed already and was kept. */
        REUSED,
        /** Something existed and was changed to what is wanted. */
        UPDATED,
        /** A check passed. */
        CHECKED,
        /** Not run (for example the test sale on a production account). */
        SKIPPED,
        /** It failed; the run stopped here. */
        FAILED
    }

    /**
     * One step.
     *
     * @param name what the step is for ({@code merchant token}, {@code api client}, ...)
     * @param outcome what it did
     * @param detail what it found or made, never a secret
     */
    public record Step(String name, Outcome outcome, String detail) {

        /** Checks the fields. */
        public Step {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(outcome, "outcome");
            detail = detail == null ? "" : detail;
        }
    }

    /** Copies the steps. */
    public OnboardingReport {
        steps = List.copyOf(steps);
    }

    /** @return true when no step failed */
    public boolean succeeded() {
        return steps.stream().noneMatch(s -> s.outcome() == Outcome.FAILED);
    }

    /** @return true when no step created or changed anything (a second run) */
    public boolean changedNothing() {
        return steps.stream().allMatch(s -> s.outcome() == Outcome.REUSED || s.outcome() == Outcome.CHECKED
                || s.outcome() == Outcome.SKIPPED);
    }
}
