package org.tillpay.dintero.internal.mail;

import java.util.Objects;

import org.tillpay.dintero.internal.config.StoreSettings;

/**
 * The body sent to {@link MailRoutes#SEND_LINK}: whose SMTP server, and which e-mail.
 *
 * @param settings the store's settings, with e-mail enabled
 * @param email the e-mail
 */
record MailJob(StoreSettings settings, LinkEmail email) {

    MailJob {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(email, "email");
    }
}
