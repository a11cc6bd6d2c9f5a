package org.tillpay.dintero.internal.mail;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.tillpay.dintero.internal.client.Completions;
import org.tillpay.dintero.internal.client.DinteroCamelHost;
import org.tillpay.dintero.internal.config.StoreSettings;
import org.tillpay.dintero.internal.mail.EmailResult.Failure;

/**
 * Sends payment links by e-mail through the store's own SMTP server (Dintero has no e-mail channel). Every send runs
 * on the Camel-owned pool of {@link DinteroCamelHost} and completes with a {@link EmailResult}, never
 * exceptionally: a store without {@code smtp.host} gets {@link Failure#NOT_CONFIGURED} at once.
 */
public final class LinkMailer {

    private final DinteroCamelHost host;

    /** @param host the bundle's Camel host, with {@link MailRoutes} added */
    public LinkMailer(DinteroCamelHost host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    /**
     * @param settings the store's settings
     * @return true when the store can send links by e-mail
     */
    public static boolean isAvailable(StoreSettings settings) {
        return settings.emailEnabled();
    }

    /**
     * Sends one e-mail. Never retried: a failed result may still mean the customer got it (not idempotent).
     *
     * @param settings the store's settings; e-mail must be enabled ({@link StoreSettings#emailEnabled()})
     * @param email the e-mail
     * @return completes with the result, never exceptionally
     */
    public CompletableFuture<EmailResult> send(StoreSettings settings, LinkEmail email) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(email, "email");
        if (!settings.emailEnabled()) {
            return CompletableFuture.completedFuture(EmailResult.failed(Failure.NOT_CONFIGURED,
                    "e-mail delivery is not available for store " + settings.storeId() + ": smtp.host is not set"));
        }
        return host.request(MailRoutes.SEND_LINK, new MailJob(settings, email), EmailResult.class)
                .handle((result, failure) -> {
                    if (failure == null && result != null) {
                        return result;
                    }
                    Throwable cause = Completions.cause(failure);
                    return MailRoutes.failure(cause, settings);
                });
    }
}
