package org.tillpay.console.internal;

import java.time.Duration;

/**
 * The console's settings, typed and checked: a value out of range is refused naming its key in
 * {@code etc/org.tillpay.console.cfg}.
 *
 * @param realm the JAAS realm users log in against
 * @param sessionIdle how long a browser session lives without a request
 * @param throttle when failed logins lock a user name or client address out
 * @param maxBodyBytes the largest request body the API reads
 */
record ConsoleSettings(String realm, Duration sessionIdle, LoginThrottle.Limits throttle, int maxBodyBytes) {

    ConsoleSettings {
        if (realm == null || realm.isBlank()) {
            throw new IllegalArgumentException("realm: must name Karaf's JAAS realm, was blank");
        }
        check("session.idle.minutes", sessionIdle.toMinutes(), 1, 1440);
        check("request.body.max.bytes", maxBodyBytes, 1024, 16 * 1024 * 1024);
    }

    /**
     * @param config the configuration as Config Admin has it
     * @return the checked settings
     * @throws IllegalArgumentException naming the key of a value out of range
     */
    static ConsoleSettings of(ConsoleConfig config) {
        check("login.failures.max", config.login_failures_max(), 1, 1000);
        check("login.failures.per.address.max", config.login_failures_per_address_max(), 1, 100_000);
        check("login.failures.window.seconds", config.login_failures_window_seconds(), 1, 86_400);
        check("login.lockout.seconds", config.login_lockout_seconds(), 1, 86_400);
        return new ConsoleSettings(config.realm(), Duration.ofMinutes(config.session_idle_minutes()),
                new LoginThrottle.Limits(config.login_failures_max(), config.login_failures_per_address_max(),
                        Duration.ofSeconds(config.login_failures_window_seconds()),
                        Duration.ofSeconds(config.login_lockout_seconds())),
                config.request_body_max_bytes());
    }

    static void check(String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + ": must be " + min + " to " + max + ", was " + value);
        }
    }
}
