package org.tillpay.dintero.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The host's scheduler carries every configured store's repeating tasks. With Camel's default queue limit (1,000) a
 * Karaf with about 500 stores refused the 501st store's poller (found by bench's StoresBench).
 */
class SchedulerCapacityTest {

    private final DinteroCamelHost host = new DinteroCamelHost();

    @AfterEach
    void stop() {
        host.stop();
    }

    @Test
    void tenThousandStoresEachScheduleTheirPollerAndSettlementFetches() {
        List<ScheduledFuture<?>> tasks = new ArrayList<>();
        for (int store = 0; store < 10_000; store++) {
            tasks.add(host.scheduler().scheduleWithFixedDelay(() -> { }, 1, 1, TimeUnit.HOURS));
            tasks.add(host.scheduler().scheduleWithFixedDelay(() -> { }, 1, 1, TimeUnit.HOURS));
        }
        assertEquals(20_000, tasks.stream().filter(t -> !t.isDone()).count());
        tasks.forEach(t -> t.cancel(false));
    }
}
