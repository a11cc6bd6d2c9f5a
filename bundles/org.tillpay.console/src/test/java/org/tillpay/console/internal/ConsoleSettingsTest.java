package org.tillpay.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ConsoleSettingsTest {

    /** @return the configuration as DS would hand it over: the defaults, with these values instead */
    static ConsoleConfig config(Map<String, Object> values) {
        return (ConsoleConfig) Proxy.newProxyInstance(ConsoleConfig.class.getClassLoader(),
                new Class<?>[] {ConsoleConfig.class}, (proxy, method, args) -> values.containsKey(method.getName())
                        ? values.get(method.getName()) : method.getDefaultValue());
    }

    @Test
    void theDefaultsAreSensible() {
        ConsoleSettings s = ConsoleSettings.of(config(Map.of()));
        assertEquals("karaf", s.realm());
        assertEquals(Duration.ofMinutes(30), s.sessionIdle());
        assertEquals(new LoginThrottle.Limits(5, 50, Duration.ofMinutes(5), Duration.ofMinutes(5)), s.throttle());
        assertEquals(256 * 1024, s.maxBodyBytes());
    }

    @Test
    void aValueOutOfRangeIsRefusedNamingItsKey() {
        Map<String, Object> bad = Map.of("login_failures_max", 0, "login_failures_per_address_max", 0,
                "login_failures_window_seconds", 0, "login_lockout_seconds", 86_401, "request_body_max_bytes", 10,
                "session_idle_minutes", 0, "realm", " ");
        Map<String, String> keys = Map.of("login_failures_max", "login.failures.max: must be 1 to 1000, was 0",
                "login_failures_per_address_max", "login.failures.per.address.max: must be 1 to 100000, was 0",
                "login_failures_window_seconds", "login.failures.window.seconds: must be 1 to 86400, was 0",
                "login_lockout_seconds", "login.lockout.seconds: must be 1 to 86400, was 86401",
                "request_body_max_bytes", "request.body.max.bytes: must be 1024 to 16777216, was 10",
                "session_idle_minutes", "session.idle.minutes: must be 1 to 1440, was 0",
                "realm", "realm: must name Karaf's JAAS realm, was blank");
        keys.forEach((method, message) -> assertEquals(message, assertThrows(IllegalArgumentException.class,
                () -> ConsoleSettings.of(config(Map.of(method, bad.get(method))))).getMessage(), method));
    }
}
