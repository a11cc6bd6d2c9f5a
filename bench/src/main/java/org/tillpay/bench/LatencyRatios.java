package org.tillpay.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Issue 8's latency goal for link creation: Tillpay's p50 at most 1.3 × and its p99 at most 1.5 × those of a bare JDK
 * HttpClient making the same call, at the same concurrency in the same run. Collects the ratios per concurrency and
 * words the verdict; it is reported, never asserted.
 */
final class LatencyRatios {

    /** Tillpay p50 ÷ raw p50 may be at most this. */
    static final double P50_GOAL = 1.3;
    /** Tillpay p99 ÷ raw p99 may be at most this. */
    static final double P99_GOAL = 1.5;

    private record Ratio(int callers, double p50, double p99) {
    }

    private final List<Ratio> ratios = new ArrayList<>();

    /** Adds the ratios at one concurrency. */
    void add(int callers, Stats tillpay, Stats raw) {
        ratios.add(new Ratio(callers, tillpay.p50Ms() / raw.p50Ms(), tillpay.p99Ms() / raw.p99Ms()));
    }

    /** @return one line per concurrency, then the overall verdict */
    List<String> verdict() {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "Latency goal (Tillpay ÷ raw HttpClient: p50 ≤ %.1f, p99 ≤ %.1f), "
                + "reported, not asserted:%n", P50_GOAL, P99_GOAL));
        boolean all = true;
        for (Ratio r : ratios) {
            boolean p50 = r.p50 <= P50_GOAL;
            boolean p99 = r.p99 <= P99_GOAL;
            all &= p50 && p99;
            out.add(String.format(Locale.ROOT, "- %d callers: p50 × %.2f (%s), p99 × %.2f (%s)", r.callers, r.p50,
                    p50 ? "met" : "not met", r.p99, p99 ? "met" : "not met"));
        }
        out.add(String.format(Locale.ROOT, "- verdict: %s", ratios.isEmpty() ? "nothing measured"
                : all ? "MET at every concurrency" : "NOT MET (see the lines above)"));
        return out;
    }
}
