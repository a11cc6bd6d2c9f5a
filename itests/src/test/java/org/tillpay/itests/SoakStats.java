package org.tillpay.itests;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/** Named counters of what the soak did and saw (sales paid, declined, captures asked, answers lost, ...). */
final class SoakStats {

    private final Map<String, LongAdder> counters = new ConcurrentSkipListMap<>();

    /** Adds one to a counter. */
    void inc(String name) {
        counters.computeIfAbsent(name, k -> new LongAdder()).increment();
    }

    /** @return a counter's value, 0 when never counted */
    long get(String name) {
        LongAdder n = counters.get(name);
        return n == null ? 0 : n.sum();
    }

    /** @return every counter, by name */
    Map<String, Long> snapshot() {
        Map<String, Long> copy = new java.util.TreeMap<>();
        counters.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }
}
