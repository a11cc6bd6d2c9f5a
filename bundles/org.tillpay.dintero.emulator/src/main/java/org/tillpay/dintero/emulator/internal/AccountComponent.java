package org.tillpay.dintero.emulator.internal;

import java.util.Arrays;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One emulated test account, from factory configuration {@value #PID}
 * ({@code etc/org.tillpay.dintero.emulator.account-<name>.cfg}). A broken configuration keeps the component
 * inactive, with a log line naming the field; secrets are never logged. Registers no service (a service would carry
 * the configuration, secrets included, as service properties): it adds its account to the {@link EmulatorComponent}.
 */
@Component(service = {}, immediate = true, configurationPid = AccountComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = AccountComponent.Config.class, factory = true)
public final class AccountComponent {

    /** The factory configuration PID. */
    public static final String PID = "org.tillpay.dintero.emulator.account";

    private static final Logger LOG = LoggerFactory.getLogger(AccountComponent.class);

    /** An emulated account. */
    @ObjectClassDefinition(name = "Tillpay Dintero emulator account",
            description = "A Dintero test account served by the emulator, with its API client and signing secret.")
    public @interface Config {

        /** @return the account id */
        @AttributeDefinition(name = "Account id", description = "T followed by 8 digits; production (P) accounts "
                + "are refused.")
        String account_id();

        /** @return the API client id */
        @AttributeDefinition(name = "Client id", description = "Client id for the token endpoint (Basic auth).")
        String client_id();

        /** @return the API client secret */
        @AttributeDefinition(name = "Client secret", type = AttributeType.PASSWORD)
        String client_secret();

        /** @return the callback signing secret */
        @AttributeDefinition(name = "Signature secret", type = AttributeType.PASSWORD, required = false,
                description = "Secret for the Dintero-Signature header on callbacks; empty: callbacks unsigned.")
        String signature_secret() default "";

        /** @return comma-separated profile ids */
        @AttributeDefinition(name = "Profile ids", description = "Comma-separated payment profile ids sessions "
                + "may use.")
        String profile_ids() default "default";

        /** @return comma-separated scopes of the API client, empty for all */
        @AttributeDefinition(name = "Scopes", required = false, description = "Comma-separated scopes granted to "
                + "the API client, for example admin:checkout,read:reports,write:insight. Empty (the default): every "
                + "scope. Only the Insight and report-metadata endpoints check scopes.")
        String scopes() default "";

        /** @return the partner account id this merchant chose, empty for none */
        @AttributeDefinition(name = "Partner id", required = false, description = "The partner account (T + 8 "
                + "digits) this merchant chose; that partner's client may then act for it through the Partner API.")
        String partner_id() default "";

        /** @return the signup reference */
        @AttributeDefinition(name = "Signup reference", required = false, description = "Shown as "
                + "applicant.signup_reference in GET .../management/settings.")
        String signup_reference() default "";

        /** @return the company's business name */
        @AttributeDefinition(name = "Company name", required = false)
        String company_name() default "";

        /** @return the organization number */
        @AttributeDefinition(name = "Organization number", required = false)
        String organization_number() default "";

        /** @return whether the account is active */
        @AttributeDefinition(name = "Active", required = false, description = "An inactive merchant cannot be "
                + "reached through its partner (exchange_token answers 403).")
        boolean active() default true;

        /** @return the web console name hint */
        String webconsole_configurationFactory_nameHint() default "Dintero emulator account {account.id}";
    }

    private final EmulatorComponent emulator;
    private final Account account;

    /**
     * Validates the configuration and adds the account to the emulator.
     *
     * @param emulator the running emulator
     * @param config the configuration
     * @throws IllegalArgumentException naming the broken field, or when the account id is configured twice
     */
    @Activate
    public AccountComponent(@Reference(name = "emulator") EmulatorComponent emulator, Config config) {
        this.emulator = emulator;
        try {
            this.account = new Account(config.account_id(), config.client_id(), config.client_secret(),
                    config.signature_secret(), Arrays.asList(
                            config.profile_ids() == null ? new String[0] : config.profile_ids().split(",")),
                    Arrays.asList(config.scopes() == null ? new String[0] : config.scopes().split(",")),
                    config.partner_id(), config.signup_reference(), config.company_name(),
                    config.organization_number(), config.active());
            emulator.addAccount(account);
        } catch (IllegalArgumentException e) {
            LOG.error("Dintero emulator account configuration ({}) rejected: {}", PID, e.getMessage());
            throw e;
        }
    }

    @Deactivate
    void deactivate() {
        emulator.removeAccount(account);
    }

    @Override
    public String toString() {
        return "AccountComponent[" + account + "]";
    }
}
