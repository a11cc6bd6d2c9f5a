package org.tillpay.console.internal;

import java.time.Duration;
import java.util.Optional;

/**
 * Every login of the console, by session or HTTP Basic: the realm checks the password unless the
 * {@link LoginThrottle} has locked the user name or client address out, and the outcome is counted.
 */
final class ConsoleLogin {

    /** Checks a user name and password; {@link RealmLogin} in Karaf. */
    @FunctionalInterface
    interface Realm {
        /** @return the user, or empty when refused, for whatever reason */
        Optional<ConsoleUser> login(String name, char[] password);
    }

    private final Realm realm;
    private final LoginThrottle throttle;

    ConsoleLogin(Realm realm, LoginThrottle throttle) {
        this.realm = realm;
        this.throttle = throttle;
    }

    /**
     * @param name the user name
     * @param password the password; not kept
     * @param address the client's address
     * @return the user, or empty when the realm refused them
     * @throws ApiException 429 with the wait, without asking the realm, when the name or address is locked out
     */
    Optional<ConsoleUser> login(String name, char[] password, String address) {
        Optional<Duration> wait = throttle.lockedOut(name, address);
        if (wait.isPresent()) {
            throw ApiException.tooManyLogins(wait.get());
        }
        Optional<ConsoleUser> user = realm.login(name, password);
        if (user.isPresent()) {
            throttle.succeeded(name);
        } else {
            throttle.failed(name, address);
        }
        return user;
    }
}
