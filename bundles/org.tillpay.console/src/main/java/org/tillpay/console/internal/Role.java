package org.tillpay.console.internal;

import java.util.Locale;
import java.util.Optional;

/**
 * What a console user may do, from the JAAS role principals of Karaf's realm: each role includes the ones below it.
 */
enum Role {
    /** Sells and follows payments: start a link, refresh, park, cancel an unpaid link, show the QR code. */
    CASHIER,
    /** Also captures, refunds and voids paid payments, and sees payouts and reports. */
    MANAGER,
    /** Also sees the stores' health. */
    ADMIN;

    /** @return the role's name in the realm ({@code cashier}, {@code manager}, {@code admin}) */
    String realmName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return true when a user with this role may do what {@code needed} allows */
    boolean includes(Role needed) {
        return ordinal() >= needed.ordinal();
    }

    /** @return the role named so in the realm, if it is one of ours */
    static Optional<Role> ofRealmName(String name) {
        for (Role r : values()) {
            if (r.realmName().equals(name)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
