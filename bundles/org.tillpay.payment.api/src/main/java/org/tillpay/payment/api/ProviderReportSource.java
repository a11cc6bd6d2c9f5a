package org.tillpay.payment.api;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The reports a payment provider makes for a store on a schedule (for Dintero: Insight reports of the store's
 * transactions, daily, weekly or monthly), registered next to the store's {@link PaymentMethod} with the same
 * {@code tillpay.store.id} and {@code tillpay.method.id} properties. The provider makes them; this lists and
 * downloads them.
 *
 * @since 1.2
 */
@ProviderType
public interface ProviderReportSource {

    /** @return the store */
    String storeId();

    /** @return the schedule the store asked the provider for ({@code daily}, {@code weekly}, {@code monthly}), or empty */
    Optional<String> schedule();

    /**
     * @return completes with the store's reports, newest first, or exceptionally with a
     *         {@link PaymentFailedException} when the provider could not be reached
     */
    CompletionStage<List<ProviderReport>> reports();

    /**
     * Downloads one report.
     *
     * @param reportId the report's id, from {@link #reports()}
     * @return completes with the file's bytes, or exceptionally with a {@link PaymentFailedException} (an unknown id
     *         is {@code NOT_FOUND})
     */
    CompletionStage<byte[]> download(String reportId);
}
