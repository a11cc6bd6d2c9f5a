package org.tillpay.dintero.emulator.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.tillpay.dintero.emulator.DinteroInsightEmulator;

/**
 * The {@link DinteroInsightEmulator} part of the {@link Emulator}: delegates to its {@link InsightReports}, which
 * takes the locks it needs. A base class only to keep the emulator core's file short; its own base,
 * {@link PartnerControl}, adds the Partner API.
 */
abstract class InsightControl extends PartnerControl implements DinteroInsightEmulator {

    /** @param clock the emulator's clock */
    InsightControl(Clock clock) {
        super(clock);
    }


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
