package org.tillpay.bench;

import java.util.Arrays;
import java.util.Locale;

/** Latency summary of one measured round, from every sample (sorted array, nearest-rank percentiles). */
record Stats(int count, double meanMs, double p50Ms, double p99Ms, double maxMs) {

    static Stats of(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        double mean = Arrays.stream(s).average().orElse(0) / 1e6;
        return new Stats(s.length, mean, rank(s, 0.50), rank(s, 0.99), s.length == 0 ? 0 : s[s.length - 1] / 1e6);
    }

    private static double rank(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    static String ms(double v) {
        return v < 10 ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
