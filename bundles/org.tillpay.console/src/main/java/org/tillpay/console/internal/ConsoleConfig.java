package org.tillpay.console.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The console's settings ({@code etc/org.tillpay.console.cfg}); every one has a default. */
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
}
