package org.tillpay.reports.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.tillpay.reports.ReportRequest;

/**
 * Who a report is for and what it covers: the request, the store's Dintero account and accounting number, and when it
 * was made.
 *
 * @param request the request
 * @param accountId the store's Dintero account
 * @param accountingNumber the Dintero payment method's accounting number in the store's books
 * @param madeAt when the report is made
 */
record ReportContext(ReportRequest request, String accountId, String accountingNumber, Instant madeAt) {

    /** @return the lines under the title: store, account, accounting number, filters, when made */
    List<String> notes() {
        List<String> notes = new ArrayList<>();
        notes.add("Store " + request.storeId() + ", Dintero account " + accountId + ", accounting number "
                + accountingNumber);
        StringBuilder filters = new StringBuilder();
        if (request.settlementId() != null) {
            filters.append("Settlement ").append(request.settlementId());
        } else {
            filters.append("Provider: ").append(request.provider() == null ? "all" : request.provider())
                    .append(", period: ").append(request.from() == null ? "start" : request.from().toString())
                    .append(" to ").append(request.to() == null ? "today" : request.to().toString());
        }
        notes.add(filters.toString());
        notes.add("Made by Tillpay at " + madeAt.truncatedTo(ChronoUnit.SECONDS) + " (UTC)");
        return notes;
    }
}
