package org.tillpay.payment.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A report a payment provider made for a store on a schedule (see {@link ProviderReportSource}).
 *
 * @param id the provider's report id
 * @param name the report's name (the schedule's name, as the store set it up)
 * @param schedule {@code daily}, {@code weekly} or {@code monthly}
 * @param contentType the file's media type ({@code text/csv}, {@code application/pdf})
 * @param fileName a file name to save it under
 * @param periodFrom the first day it covers
 * @param periodTo the last day it covers (inclusive)
 * @param createdAt when the provider made it
 * @since 1.2
 */
public record ProviderReport(String id, String name, String schedule, String contentType, String fileName,
        LocalDate periodFrom, LocalDate periodTo, Instant createdAt) {

    /** Checks the required fields. */
    public ProviderReport {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(fileName, "fileName");
    }
}
