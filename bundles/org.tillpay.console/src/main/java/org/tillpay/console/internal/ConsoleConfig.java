package org.tillpay.console.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The console's settings ({@code etc/org.tillpay.console.cfg}); every one has a default. They are checked by
 * {@link ConsoleSettings#of(ConsoleConfig)}: a value out of range stops the console, naming the key.
 */
@ObjectClassDefinition(name = "Tillpay console", description = "The till and back-office pages and their REST API")
public @interface ConsoleConfig {

    /** The configuration's PID. */
    String PID = "org.tillpay.console";

    /** @return the JAAS realm users log in against */
    @AttributeDefinition(name = "JAAS realm", description = "Karaf's realm the console's users log in against")
    String realm() default "karaf";

    /** @return minutes without a request after which a browser session ends */
    @AttributeDefinition(name = "Session idle minutes", min = "1", max = "1440")
    int session_idle_minutes() default 30;

    /** @return failed logins of one user name within the window after which that name is locked out */
    @AttributeDefinition(name = "Failed logins per user name", min = "1", max = "1000", description = "Failed logins"
            + " (session or HTTP Basic) of one user name within login.failures.window.seconds after which every login"
            + " of that name is refused with 429 for login.lockout.seconds, whether the user exists or not")
    int login_failures_max() default 5;

    /** @return failed logins from one client address within the window after which that address is locked out */
    @AttributeDefinition(name = "Failed logins per client address", min = "1", max = "100000", description = "The"
            + " same for one client address, whatever the names tried (behind a proxy, the proxy's address)")
    int login_failures_per_address_max() default 50;

    /** @return the window in which failed logins are counted */
    @AttributeDefinition(name = "Failed login window (seconds)", min = "1", max = "86400")
    int login_failures_window_seconds() default 300;

    /** @return how long a locked-out user name or address is refused */
    @AttributeDefinition(name = "Lockout (seconds)", min = "1", max = "86400")
    int login_lockout_seconds() default 300;

    /** @return the largest request body the API reads */
    @AttributeDefinition(name = "Largest request body (bytes)", min = "1024", max = "16777216", description = "Larger"
            + " bodies are refused with 413 before they are read")
    int request_body_max_bytes() default 256 * 1024;
}
