package org.tillpay.dintero.internal.onboarding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.dintero.internal.client.Completions;
import org.tillpay.dintero.internal.client.DinteroJson;
import org.tillpay.dintero.internal.client.PartnerApi;
import org.tillpay.dintero.internal.config.DinteroStoreConfig;
import org.tillpay.dintero.api.onboarding.OnboardingReport;
import org.tillpay.dintero.api.onboarding.OnboardingReport.Outcome;
import org.tillpay.dintero.api.onboarding.OnboardingReport.Step;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Rotates an onboarded store's client secret: finds the store's client at Dintero, has Dintero make a new secret,
 * writes it over the old one in the secrets directory, and touches the store's configuration
 * ({@code client.secret.rotated.at}) so Config Admin delivers it again and the store reads the new secret.
 */
final class SecretRotation {

    private static final Logger LOG = LoggerFactory.getLogger(SecretRotation.class);

    private final PartnerApi api;
    private final SecretFiles secrets;
    private final ConfigurationAdmin configurations;

    SecretRotation(PartnerApi api, SecretFiles secrets, ConfigurationAdmin configurations) {
        this.api = api;
        this.secrets = secrets;
        this.configurations = configurations;
    }

    CompletableFuture<OnboardingReport> rotate(String aid, String storeId) {
        List<Step> steps = new ArrayList<>();
        String clientName = StoreOnboarder.clientName(storeId);
        return api.merchantToken(aid).thenCompose(token -> api.read(aid, token, "/auth/clients").thenCompose(list -> {
            JsonNode client = StoreOnboarder.findClient(list, clientName);
            if (client == null) {
                throw new StoreOnboarder.StepFailed("account " + aid + " has no API client " + clientName);
            }
            return api.write(aid, token, "POST", "/auth/clients/" + client.path("id").asText() + "/rotate-secret",
                    DinteroJson.MAPPER.createObjectNode());
        })).thenApply(rotated -> {
            secrets.write(StoreOnboarder.secretName(aid, storeId, "client-secret"), StoreOnboarder.secretOf(rotated));
            steps.add(new Step("client secret", Outcome.UPDATED, "rotated at Dintero, the new one stored in the"
                    + " secrets directory"));
            touch(storeId);
            steps.add(new Step("store configuration", Outcome.UPDATED, "delivered again: store " + storeId
                    + " restarts on the new secret"));
            return new OnboardingReport(aid, storeId, steps);
        }).exceptionally(failure -> {
            steps.add(new Step(steps.isEmpty() ? "client secret" : "store configuration", Outcome.FAILED,
                    Completions.cause(failure).getMessage()));
            return new OnboardingReport(aid, storeId, steps);
        }).whenComplete((report, x) -> LOG.info("partner {}: client secret of store {} (account {}) {}: {}",
                api.settings().partnerId(), storeId, aid, report.succeeded() ? "rotated" : "not rotated",
                report.steps()));
    }

    private void touch(String storeId) {
        try {
            Configuration config = configurations.getFactoryConfiguration(DinteroStoreConfig.PID,
                    StoreConfigurations.name(storeId), "?");
            Dictionary<String, Object> props = config.getProperties();
            if (props == null) {
                throw new StoreOnboarder.StepFailed("store " + storeId + " was not onboarded here: its new secret is"
                        + " stored, restart it yourself");
            }
            props.put("client.secret.rotated.at", Instant.now().toString());
            config.update(props);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
