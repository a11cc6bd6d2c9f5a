package org.tillpay.dintero.emulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Configuration validation of accounts, settings and the base path. */
class AccountAndSettingsTest {

    private static String failure(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void accountFieldsAreValidatedByName() {
        assertTrue(failure(() -> new Account(null, "c", "s", "", List.of("default"))).startsWith("account.id"));
        assertTrue(failure(() -> new Account("P12345678", "c", "s", "", List.of("default")))
                .contains("production"));
        assertTrue(failure(() -> new Account("T1234567", "c", "s", "", List.of("default"))).startsWith("account.id"));
        assertTrue(failure(() -> new Account("T12345678", " ", "s", "", List.of("default"))).startsWith("client.id"));
        assertTrue(failure(() -> new Account("T12345678", "c", "", "", List.of("default")))
                .startsWith("client.secret"));
        assertTrue(failure(() -> new Account("T12345678", "c", "s", "", List.of(" ", ""))).startsWith("profile.ids"));
        Account ok = new Account("T12345678", "c", "s", null, List.of(" a", "b ", "a"));
        assertEquals(List.of("a", "b"), ok.profileIds());
        assertFalse(ok.signsCallbacks());
    }

    @Test
    void scopesAreOptionalAndValidated() {
        Account all = new Account("T12345678", "c", "s", "", List.of("default"));
        assertEquals(List.of(), all.scopes(), "no scopes: every scope");
        new Caller("T12345678", "c", all.scopes()).requireScope("admin:insight");
        Account some = new Account("T12345678", "c", "s", "", List.of("default"), List.of(" read:reports",
                "write:insight ", "", "read:reports"));
        assertEquals(List.of("read:reports", "write:insight"), some.scopes());
        Caller caller = new Caller("T12345678", "c", some.scopes());
        caller.requireScope("admin:insight", "write:insight");
        ApiException refused = assertThrows(ApiException.class, () -> caller.requireScope("admin:hooks"));
        assertEquals(403, refused.status());
        assertTrue(failure(() -> new Account("T12345678", "c", "s", "", List.of("default"), List.of("insight")))
                .startsWith("scopes"));
    }

    @Test
    void toStringNeverShowsSecrets() {
        String text = new Account("T12345678", "client", "very-secret-1", "very-secret-2", List.of("default"))
                .toString();
        assertFalse(text.contains("very-secret"), text);
        assertTrue(text.contains("T12345678") && text.contains("client"));
    }

    @Test
    void emulatorRefusesDuplicateAccounts() {
        try (Emulator emulator = new Emulator(settings("http://127.0.0.1:8181/dintero-emulator/"))) {
            Account a = new Account("T12345678", "c", "s", "", List.of("default"));
            emulator.addAccount(a);
            assertTrue(failure(() -> emulator.addAccount(new Account("T12345678", "d", "t", "", List.of("x"))))
                    .contains("twice"));
            assertEquals("http://127.0.0.1:8181/dintero-emulator", emulator.baseUrl());
        }
    }

    @Test
    void settingsAreValidated() {
        assertTrue(failure(() -> settings("ftp://x")).startsWith("public.base.url"));
        assertTrue(failure(() -> new EmulatorSettings("http://x", Duration.ZERO, 1, Duration.ZERO,
                Duration.ofSeconds(1), Clock.systemUTC())).startsWith("token.ttl.seconds"));
        assertTrue(failure(() -> new EmulatorSettings("http://x", Duration.ofSeconds(1), 0, Duration.ZERO,
                Duration.ofSeconds(1), Clock.systemUTC())).startsWith("callback.max.attempts"));
    }

    @Test
    void basePathIsNormalisedOrRefused() {
        assertEquals("/dintero-emulator", EmulatorSettings.basePath("/dintero-emulator/"));
        assertTrue(failure(() -> EmulatorSettings.basePath("dintero")).startsWith("base.path"));
        assertTrue(failure(() -> EmulatorSettings.basePath("/")).startsWith("base.path"));
        assertTrue(failure(() -> EmulatorSettings.basePath("/x/*")).startsWith("base.path"));
    }

    @Test
    void retryDelayDoublesAndIsCapped() {
        try (CallbackSender sender = new CallbackSender(new EmulatorSettings("http://x", Duration.ofSeconds(1), 20,
                Duration.ofSeconds(1), Duration.ofSeconds(10), Clock.systemUTC()), Clock.systemUTC(),
                new FaultInjector(Clock.systemUTC()))) {
            assertEquals(Duration.ofSeconds(1), sender.retryDelay(1));
            assertEquals(Duration.ofSeconds(2), sender.retryDelay(2));
            assertEquals(Duration.ofSeconds(8), sender.retryDelay(4));
            assertEquals(Duration.ofMinutes(5), sender.retryDelay(19));
        }
    }

    private static EmulatorSettings settings(String url) {
        return new EmulatorSettings(url, Duration.ofHours(4), 20, Duration.ofSeconds(1), Duration.ofSeconds(10),
                Clock.systemUTC());
    }
}
