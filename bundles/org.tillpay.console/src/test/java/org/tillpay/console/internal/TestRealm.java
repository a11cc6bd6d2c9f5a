package org.tillpay.console.internal;

import java.util.Map;
import java.util.Set;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;

/**
 * A JAAS realm named {@code karaf} for unit tests, as Karaf's {@code etc/users.properties} of the distribution: users
 * {@code cashier}, {@code manager}, {@code admin} and {@code viewer} (a role that is none of the console's), each with
 * the password of their name and the role of their name. {@link RealmLogin} logs in against it as in Karaf.
 */
final class TestRealm {

    private static final Set<String> USERS = Set.of("cashier", "manager", "admin", "viewer");

    private TestRealm() {
    }

    /** Makes the realm the JVM's JAAS configuration. */
    static void install() {
        Configuration.setConfiguration(new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return "karaf".equals(name) ? new AppConfigurationEntry[] {new AppConfigurationEntry(
                        Module.class.getName(), AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, Map.of())}
                        : null;
            }
        });
    }

    /** The login module: name = password, role = name. */
    public static final class Module implements LoginModule {
        private Subject subject;
        private CallbackHandler handler;
        private String user;

        @Override
        public void initialize(Subject s, CallbackHandler h, Map<String, ?> sharedState, Map<String, ?> options) {
            this.subject = s;
            this.handler = h;
        }

        @Override
        public boolean login() throws LoginException {
            NameCallback name = new NameCallback("user");
            PasswordCallback password = new PasswordCallback("password", false);
            try {
                handler.handle(new Callback[] {name, password});
            } catch (Exception e) {
                throw new LoginException(e.toString());
            }
            if (!USERS.contains(name.getName()) || !name.getName().equals(new String(password.getPassword()))) {
                throw new FailedLoginException("refused");
            }
            user = name.getName();
            return true;
        }

        @Override
        public boolean commit() {
            subject.getPrincipals().add(new UserPrincipal(user));
            subject.getPrincipals().add(new RolePrincipal(user));
            return true;
        }

        @Override
        public boolean abort() {
            return true;
        }

        @Override
        public boolean logout() {
            subject.getPrincipals().clear();
            return true;
        }
    }
}
