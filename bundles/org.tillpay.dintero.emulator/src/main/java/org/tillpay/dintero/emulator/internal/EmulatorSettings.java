package org.tillpay.dintero.emulator.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the emulator core.
 *
 * @param publicBaseUrl the emulator's base URL as customers and merchants reach it, without a trailing slash, for
 *        example {@code http://127.0.0.1:8181/dintero-emulator}
 * @param tokenTtl access-token lifetime ({@code expires_in})
 * @param callbackMaxAttempts callback delivery attempts in total, at least 1
 * @param callbackRetryDelay delay before the first retry; doubles on each further retry, capped at 5 minutes
 * @param callbackTimeout how long to wait for the merchant's answer (Dintero: 10 s)
 * @param clock the time source
 */
public record EmulatorSettings(String publicBaseUrl, Duration tokenTtl, int callbackMaxAttempts,
        Duration callbackRetryDelay, Duration callbackTimeout, Clock clock) {

    /** Dintero's documented callback timeout. */
    public static final Duration DEFAULT_CALLBACK_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Validates the settings; messages name the configuration key.
     *
     * @throws IllegalArgumentException when a value is out of range
     */
    public EmulatorSettings {
        Objects.requireNonNull(publicBaseUrl, "public.base.url");
        URI uri = URI.create(publicBaseUrl);
        if (!uri.isAbsolute() || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("public.base.url must be an absolute http(s) URL, was "
                    + publicBaseUrl);
        }
        while (publicBaseUrl.endsWith("/")) {
            publicBaseUrl = publicBaseUrl.substring(0, publicBaseUrl.length() - 1);
        }
        if (tokenTtl == null || tokenTtl.getSeconds() < 1) {
            throw new IllegalArgumentException("token.ttl.seconds must be at least 1");
        }
        if (callbackMaxAttempts < 1) {
            throw new IllegalArgumentException("callback.max.attempts must be at least 1");
        }
        if (callbackRetryDelay == null || callbackRetryDelay.isNegative()) {
            throw new IllegalArgumentException("callback.retry.delay.ms must not be negative");
        }
        if (callbackTimeout == null || callbackTimeout.isNegative() || callbackTimeout.isZero()) {
            throw new IllegalArgumentException("callback timeout must be positive");
        }
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * Normalises the configured {@code base.path}: trailing slashes go.
     *
     * @param configured the configured value
     * @return the path, for example {@code /dintero-emulator}
     * @throws IllegalArgumentException when it does not start with / or names no path, or has {@code *} or {@code ?}
     */
    public static String basePath(String configured) {
        String path = configured == null ? "" : configured.trim();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.isEmpty() || !path.startsWith("/") || path.contains("*") || path.contains("?")) {
            throw new IllegalArgumentException("base.path must start with / and name a path (like /dintero-emulator), "
                    + "was " + configured);
        }
        return path;
    }

    /**
     * @param property the framework property {@code org.osgi.service.http.port}, or null
     * @return the HTTP port, 8181 when not set
     */
    static String httpPort(String property) {
        return property == null || property.isBlank() ? "8181" : property.trim();
    }
}
