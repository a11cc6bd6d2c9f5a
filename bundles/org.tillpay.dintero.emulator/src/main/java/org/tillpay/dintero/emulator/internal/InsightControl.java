package org.tillpay.dintero.emulator.internal;

import java.util.List;
import java.util.Map;

import org.tillpay.dintero.emulator.DinteroInsightEmulator;

/**
 * The {@link DinteroInsightEmulator} part of the {@link Emulator}: delegates to its {@link InsightReports}, which
 * takes the locks it needs. A base class only to keep the emulator core's file short.
 */
abstract class InsightControl implements DinteroInsightEmulator {

    /** @return the emulator's Insight reports and their configurations */
    abstract InsightReports insight();

    @Override
    public List<String> runInsightReports(String accountId, String schedule) {
        return insight().run(accountId, schedule);
    }

    @Override
    public List<Map<String, Object>> insightReports(String accountId) {
        return insight().views(accountId);
    }

    @Override
    public List<Map<String, Object>> insightConfigurations(String accountId) {
        return insight().configurations().own(accountId).stream().map(c -> Json.toFrozenMap(c.view())).toList();
    }
}
