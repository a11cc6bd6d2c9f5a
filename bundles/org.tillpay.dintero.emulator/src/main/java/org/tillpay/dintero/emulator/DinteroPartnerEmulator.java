package org.tillpay.dintero.emulator;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Control API for the emulator's Partner API state (API.md &sect;11): the API clients, client grants and payment
 * profiles a partner created for its merchants. Registered as an OSGi service by the emulator bundle next to
 * {@link DinteroEmulator} (the same object implements all the control interfaces; in tests
 * {@code EmulatorServer.partner()}).
 *
 * <p>Partners and merchants are emulator accounts: a merchant names its partner in its account configuration
 * ({@code partner.id}); the partner's configured client then gets exchange tokens for that merchant. What clients,
 * grants and profiles exist is created over HTTP, exactly as Tillpay's onboarding does it; this interface only
 * inspects it and plays Dintero Backoffice ({@link #revokeClient(String, String)}). Returned values are immutable
 * snapshots, never containing client secrets. All methods are thread-safe.
 *
 * @since 1.5
 */
@ProviderType
public interface DinteroPartnerEmulator {

    /**
     * The account's API clients created through {@code POST /v1/accounts/{aid}/auth/clients}, oldest first, each as
     * {@code GET .../auth/clients/{id}} shows it: {@code id}, {@code client_id}, {@code name}, {@code description},
     * {@code created_at} (no {@code client_secret}). The account's configured client is not listed.
     *
     * @param accountId the account, for example {@code T11200001}
     * @return the clients; empty when none
     */
    List<Map<String, Object>> apiClients(String accountId);

    /**
     * The account's client grants, oldest first, each as {@code GET .../auth/client-grants} lists it: {@code id},
     * {@code client_id} (the client's id UUID), {@code audience}, {@code scope}, {@code type} (when given),
     * {@code created_at}.
     *
     * @param accountId the account
     * @return the grants; empty when none
     */
    List<Map<String, Object>> clientGrants(String accountId);

    /**
     * The account's payment profiles, oldest first, each as {@code GET /v1/admin/session/profiles/{profile_id}}
     * shows it; the account's configured {@code profile.ids} come first, with an empty {@code configuration}.
     *
     * @param accountId the account
     * @return the profiles; empty when the account is unknown
     */
    List<Map<String, Object>> profiles(String accountId);

    /**
     * Deletes an API client as if in Dintero Backoffice: its grants go with it, the token endpoint refuses its
     * credentials (401) and the tokens it already holds are refused (401) on their next use.
     *
     * @param accountId the account
     * @param clientId the client's {@code id} (UUID) or its {@code client_id} string
     * @throws java.util.NoSuchElementException when the account has no such client
     */
    void revokeClient(String accountId, String clientId);
}
