package org.tillpay.dintero.internal.mail;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.tillpay.dintero.internal.client.Completions;
import org.tillpay.dintero.internal.client.DinteroCamelHost;
import org.tillpay.dintero.internal.config.StoreSettings;

/**
 * Sends settlement reports by e-mail through the store's own SMTP server, on the Camel-owned pool of
 * {@link DinteroCamelHost}. Completes with an {@link EmailResult}, never exceptionally.
 */
public final class SettlementReportMailer {

    private final DinteroCamelHost host;

    /** @param host the bundle's Camel host, with {@link SettlementMailRoutes} added */
    public SettlementReportMailer(DinteroCamelHost host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    /**
     * @param settings the sending store's settings; e-mail must be enabled
     * @param email the report e-mail
     * @return completes with the result, never exceptionally
     */
    public CompletableFuture<EmailResult> send(StoreSettings settings, SettlementReportEmail email) {
        if (!settings.emailEnabled()) {
            return CompletableFuture.completedFuture(EmailResult.failed(EmailResult.Failure.NOT_CONFIGURED,
                    "store " + settings.storeId() + " has no smtp.host"));
        }
        return host.request(SettlementMailRoutes.SEND_REPORT, new SettlementMailRoutes.ReportJob(settings, email),
                EmailResult.class).handle((result, failure) -> failure == null && result != null ? result
                        : MailRoutes.failure(Completions.cause(failure), settings));
    }
}
