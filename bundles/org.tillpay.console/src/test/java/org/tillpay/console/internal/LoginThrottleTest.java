package org.tillpay.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Failed logins lock a user name (or an address) out for a while, without telling which users exist. */
class LoginThrottleTest {

    private static final String HOST = "192.0.2.7";

    private final MovableClock clock = new MovableClock();
    /** The realm: kari / kari-secret is the only user. Records every password check it was asked for. */
    private final List<String> asked = new ArrayList<>();
    private final ConsoleLogin.Realm realm = (name, password) -> {
        asked.add(name);
        return name.equals("kari") && new String(password).equals("kari-secret")
                ? Optional.of(new ConsoleUser("kari", Set.of(Role.CASHIER))) : Optional.empty();
    };
    private final ConsoleLogin logins = new ConsoleLogin(realm, new LoginThrottle(new LoginThrottle.Limits(3, 10,
            Duration.ofMinutes(5), Duration.ofMinutes(2)), clock));

    private Optional<ConsoleUser> login(String name, String password, String address) {
        return logins.login(name, password.toCharArray(), address);
    }

    private ApiException throttled(String name, String password, String address) {
        ApiException e = assertThrows(ApiException.class, () -> login(name, password, address));
        assertEquals(ApiException.Type.TOO_MANY_LOGINS, e.type());
        assertEquals(429, e.type().status);
        return e;
    }

    @Test
    void afterTheLimitEvenTheRightPasswordIsRefusedUntilTheLockoutEnds() {
        for (int i = 0; i < 3; i++) {
            assertTrue(login("kari", "guess" + i, HOST).isEmpty(), "refused, and counted");
        }
        int checks = asked.size();
        ApiException e = throttled("kari", "kari-secret", HOST);
        assertEquals("120", e.headers().get("Retry-After"));
        assertEquals(checks, asked.size(), "a locked-out name's password is not even checked: no oracle");
        clock.pass(Duration.ofSeconds(100).plusMillis(1));
        assertEquals("20", throttled("kari", "kari-secret", HOST).headers().get("Retry-After"), "rounded up");
        clock.pass(Duration.ofSeconds(20));
        assertEquals("kari", login("kari", "kari-secret", HOST).orElseThrow().name());
    }

    @Test
    void aNameThatDoesNotExistIsThrottledExactlyTheSame() {
        for (int i = 0; i < 3; i++) {
            assertTrue(login("nobody", "guess" + i, HOST).isEmpty());
        }
        ApiException ghost = throttled("nobody", "guess", HOST);
        for (int i = 0; i < 3; i++) {
            login("kari", "guess" + i, "198.51.100.1");
        }
        ApiException real = throttled("kari", "guess", "198.51.100.1");
        assertEquals(real.getMessage(), ghost.getMessage());
        assertEquals(real.headers(), ghost.headers());
    }

    @Test
    void failuresOutsideTheWindowAreForgottenAndASuccessfulLoginResetsTheCount() {
        login("kari", "a", HOST);
        login("kari", "b", HOST);
        clock.pass(Duration.ofMinutes(5));
        login("kari", "c", HOST);
        assertTrue(login("kari", "d", HOST).isEmpty(), "two failures within the window: not yet");
        assertTrue(login("kari", "kari-secret", HOST).isPresent());
        login("kari", "e", HOST);
        login("kari", "f", HOST);
        assertTrue(login("kari", "kari-secret", HOST).isPresent(), "the success cleared the earlier failures");
    }

    @Test
    void nameCaseDoesNotMakeAnotherName() {
        login("Kari", "a", HOST);
        login(" KARI ", "b", HOST);
        login("kari", "c", HOST);
        throttled("kari", "kari-secret", HOST);
    }

    @Test
    void oneAddressTryingManyNamesIsLockedOutButOthersAreNot() {
        for (int i = 0; i < 10; i++) {
            login("user" + i, "guess", HOST);
        }
        throttled("kari", "kari-secret", HOST);
        assertTrue(login("kari", "kari-secret", "198.51.100.1").isPresent(), "another address may log in");
        assertTrue(login("kari", "kari-secret", "198.51.100.1").isPresent());
        throttled("kari", "kari-secret", HOST);
    }

    @Test
    void othersAreNotLockedOutByOneName() {
        for (int i = 0; i < 3; i++) {
            login("nobody", "guess", HOST);
        }
        throttled("nobody", "x", HOST);
        assertTrue(login("kari", "kari-secret", HOST).isPresent(), "nor the address, below its own limit");
    }
}
