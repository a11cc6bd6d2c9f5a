package org.tillpay.console.internal;

import java.security.Principal;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;

/**
 * Checks a user name and password against a Karaf JAAS realm ({@code karaf} by default: {@code etc/users.properties},
 * or LDAP or a database where Karaf is set up so) and reads the console roles from its role principals.
 */
final class RealmLogin implements ConsoleLogin.Realm {

    private final String realm;

    RealmLogin(String realm) {
        this.realm = realm;
    }

    /**
     * @param name the user name
     * @param password the password; not kept
     * @return the user, or empty when the realm refused them; never says why (a wrong name and a wrong password look
     *         the same)
     */
    @Override
    public Optional<ConsoleUser> login(String name, char[] password) {
        if (name == null || name.isBlank() || password == null || password.length == 0) {
            return Optional.empty();
        }
        Subject subject = new Subject();
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try {
            // the realm's login modules are found through Karaf's JAAS configuration, whatever the caller's loader
            Thread.currentThread().setContextClassLoader(RealmLogin.class.getClassLoader());
            LoginContext context = new LoginContext(realm, subject, callbacks -> {
                for (Callback c : callbacks) {
                    if (c instanceof NameCallback n) {
                        n.setName(name);
                    } else if (c instanceof PasswordCallback p) {
                        p.setPassword(password);
                    } else {
                        throw new UnsupportedCallbackException(c);
                    }
                }
            });
            context.login();
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (Principal p : subject.getPrincipals(RolePrincipal.class)) {
                Role.ofRealmName(p.getName()).ifPresent(roles::add);
            }
            context.logout();
            return Optional.of(new ConsoleUser(name, roles));
        } catch (LoginException refused) {
            return Optional.empty();
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }
}
