package org.tillpay.console.internal;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who is calling, as the realm authenticated them.
 *
 * @param name the user name
 * @param roles the console roles the realm gave them (possibly none)
 */
record ConsoleUser(String name, Set<Role> roles) {

    ConsoleUser {
        Objects.requireNonNull(name, "name");
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /** @return true when one of the user's roles includes {@code needed} */
    boolean may(Role needed) {
        return roles.stream().anyMatch(r -> r.includes(needed));
    }
}
