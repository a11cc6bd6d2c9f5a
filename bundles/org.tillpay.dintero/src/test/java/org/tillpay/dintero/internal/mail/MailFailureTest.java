package org.tillpay.dintero.internal.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.util.Map;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;

import org.junit.jupiter.api.Test;
import org.tillpay.dintero.internal.TestStores;
import org.tillpay.dintero.internal.config.StoreSettings;
import org.tillpay.dintero.internal.mail.EmailResult.Failure;

/** Failures are classified, and a reason never carries the password, even if a server echoed it. */
class MailFailureTest {

    private static final String PASSWORD = "echoed-Secret-99";

    private static final StoreSettings SETTINGS = StoreSettings.from(TestStores.config(Map.of("smtp_host",
            "smtp.example.com", "smtp_from", "noreply@example.com", "smtp_username", "mailer", "smtp_password", PASSWORD)));

    @Test
    void anEchoedPasswordIsMasked() {
        EmailResult r = MailRoutes.failure(new AuthenticationFailedException("535 bad login mailer/" + PASSWORD),
                SETTINGS);
        assertEquals(Failure.AUTHENTICATION, r.failure().orElseThrow());
        assertFalse(r.reason().orElseThrow().contains(PASSWORD), r.reason().orElseThrow());
        assertTrue(r.reason().orElseThrow().contains("mailer/********"), r.reason().orElseThrow());
        assertTrue(r.reason().orElseThrow().startsWith("SMTP server smtp.example.com:587 refused the login"));
    }

    @Test
    void causesAreClassified() {
        assertEquals(Failure.UNREACHABLE, MailRoutes.failure(new MessagingException("Couldn't connect",
                new ConnectException("Connection refused")), SETTINGS).failure().orElseThrow());
        assertEquals(Failure.REFUSED, MailRoutes.failure(new MessagingException(
                "STARTTLS is required but host does not support STARTTLS"), SETTINGS).failure().orElseThrow());
        assertEquals(Failure.UNKNOWN, MailRoutes.failure(new IllegalStateException("boom"), SETTINGS)
                .failure().orElseThrow());
        EmailResult multiLine = MailRoutes.failure(new MessagingException("550 no\r\nsuch user"), SETTINGS);
        assertFalse(multiLine.reason().orElseThrow().contains("\n"), multiLine.reason().orElseThrow());
    }
}
