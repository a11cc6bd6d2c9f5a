package org.tillpay.dintero.internal.onboarding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.dintero.api.onboarding.OnboardingReport;
import org.tillpay.dintero.api.onboarding.OnboardingReport.Outcome;
import org.tillpay.dintero.api.onboarding.OnboardingReport.Step;
import org.tillpay.dintero.internal.client.Completions;
import org.tillpay.dintero.internal.client.DinteroJson;
import org.tillpay.dintero.internal.client.PartnerApi;
import org.tillpay.dintero.internal.config.DinteroStoreConfig;
import org.tillpay.dintero.internal.config.Secret;
import org.tillpay.dintero.internal.store.DinteroStore;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Rotates an onboarded store's client secret without stopping the store:
 * <ol>
 * <li>checks that the store's configuration names its client secret from the secrets directory (else a restart
 * would bring the old secret back), before anything changes;</li>
 * <li>has the running store fetch a new token with the old secret, so its calls go on with that token while the old
 * secret stops working (Dintero keeps issued tokens valid);</li>
 * <li>has Dintero make a new secret, and writes it over the old one in the secrets directory at once;</li>
 * <li>hands the new secret to the running store, which fetches its next token with it.</li>
 * </ol>
 * The store's configuration is not touched, so the store is not restarted and its services stay registered; a later
 * start reads the new secret from the file.
 */
final class SecretRotation {

    private static final Logger LOG = LoggerFactory.getLogger(SecretRotation.class);

    private final PartnerApi api;
    private final SecretFiles secrets;
    private final ConfigurationAdmin configurations;
    private final Function<String, Optional<DinteroStore>> runningStores;

    /**
     * @param runningStores finds the store running in this Karaf by its id
     */
    SecretRotation(PartnerApi api, SecretFiles secrets, ConfigurationAdmin configurations,
            Function<String, Optional<DinteroStore>> runningStores) {
        this.api = api;
        this.secrets = secrets;
        this.configurations = configurations;
        this.runningStores = runningStores;
    }

    CompletableFuture<OnboardingReport> rotate(String aid, String storeId) {
        List<Step> steps = new ArrayList<>();
        String clientName = StoreOnboarder.clientName(storeId);
        String secretName = StoreOnboarder.secretName(aid, storeId, "client-secret");
        Optional<DinteroStore> running = runningStores.apply(storeId);
        return CompletableFuture.runAsync(() -> checkConfiguration(storeId, secretName))
                .thenCompose(x -> running.map(store -> store.renewToken().thenRun(() -> steps.add(new Step("token",
                        Outcome.UPDATED, "store " + storeId + " fetched a new token with the old secret; its calls go"
                                + " on with it")))).orElseGet(() -> CompletableFuture.completedFuture(null)))
                .thenCompose(x -> api.merchantToken(aid))
                .thenCompose(token -> api.read(aid, token, "/auth/clients").thenCompose(list -> {
                    JsonNode client = StoreOnboarder.findClient(list, clientName);
                    if (client == null) {
                        throw new StoreOnboarder.StepFailed("account " + aid + " has no API client " + clientName);
                    }
                    return api.write(aid, token, "POST", "/auth/clients/" + client.path("id").asText()
                            + "/rotate-secret", DinteroJson.MAPPER.createObjectNode());
                })).thenApply(rotated -> {
                    String secret = StoreOnboarder.secretOf(rotated);
                    secrets.write(secretName, secret);
                    steps.add(new Step("client secret", Outcome.UPDATED, "rotated at Dintero, the new one stored in"
                            + " the secrets directory"));
                    if (running.isPresent()) {
                        running.get().useClientSecret(Secret.of(secret));
                        steps.add(new Step("store", Outcome.UPDATED, "store " + storeId + " uses the new secret from"
                                + " its next token; it kept running"));
                    } else {
                        steps.add(new Step("store", Outcome.REUSED, "store " + storeId + " is not running here: it"
                                + " reads the new secret when it starts"));
                    }
                    return new OnboardingReport(aid, storeId, steps);
                }).exceptionally(failure -> {
                    steps.add(new Step(steps.isEmpty() ? "client secret" : "store", Outcome.FAILED,
                            Completions.cause(failure).getMessage()));
                    return new OnboardingReport(aid, storeId, steps);
                }).whenComplete((report, x) -> LOG.info("partner {}: client secret of store {} (account {}) {}: {}",
                        api.settings().partnerId(), storeId, aid, report.succeeded() ? "rotated" : "not rotated",
                        report.steps()));
    }

    /** Refuses, before anything changes, a store whose configuration would not read the rotated secret on a restart. */
    private void checkConfiguration(String storeId, String secretName) {
        try {
            Configuration config = configurations.getFactoryConfiguration(DinteroStoreConfig.PID,
                    StoreConfigurations.name(storeId), "?");
            Dictionary<String, Object> props = config.getProperties();
            if (props == null) {
                throw new StoreOnboarder.StepFailed("store " + storeId + " was not onboarded here (no configuration "
                        + StoreConfigurations.name(storeId) + "): nothing rotated");
            }
            if (!SecretFiles.reference(secretName).equals(String.valueOf(props.get("client.secret")))) {
                throw new StoreOnboarder.StepFailed("the configuration of store " + storeId + " does not name its"
                        + " client secret as " + SecretFiles.reference(secretName) + ", so a restart would not read a"
                        + " rotated one: nothing rotated");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
