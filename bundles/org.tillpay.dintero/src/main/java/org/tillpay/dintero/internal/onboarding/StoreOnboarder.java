package org.tillpay.dintero.internal.onboarding;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.dintero.internal.client.Completions;
import org.tillpay.dintero.internal.client.DinteroCallException;
import org.tillpay.dintero.internal.client.DinteroJson;
import org.tillpay.dintero.internal.client.PartnerApi;
import org.tillpay.dintero.internal.config.PartnerSettings;
import org.tillpay.dintero.internal.store.PaymentMethodConfiguration;
import org.tillpay.dintero.api.onboarding.OnboardingReport;
import org.tillpay.dintero.api.onboarding.OnboardingReport.Outcome;
import org.tillpay.dintero.api.onboarding.OnboardingReport.Step;
import org.tillpay.dintero.api.onboarding.OnboardingRequest;
import org.tillpay.payment.api.PaymentMethodChoice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One onboarding run for one store (FLOWS.md (f)): the merchant token, the account's details, the store's API client
 * (its secret written to the secrets directory the moment Dintero shows it), its grant, the payment profile, the
 * callback signature secret, the webhook secret, the store's configuration and a test sale. Each step lists or reads
 * what exists first and reuses it; the first failure ends the run with a step that says why.
 */
final class StoreOnboarder {

    /** The scopes the store's client is granted: payments, operations, settlements, reports, webhooks, Insight. */
    static final List<String> SCOPES = List.of("admin:checkout", "read:settlements", "read:reports", "admin:hooks",
            "write:insight");

    private static final Logger LOG = LoggerFactory.getLogger(StoreOnboarder.class);

    private final PartnerApi api;
    private final SecretFiles secrets;
    private final StoreConfigurations configurations;
    private final OnboardingRequest request;
    private final List<Step> steps = new ArrayList<>();
    private String token;
    private String clientId;

    StoreOnboarder(PartnerApi api, SecretFiles secrets, StoreConfigurations configurations, OnboardingRequest request) {
        this.api = api;
        this.secrets = secrets;
        this.configurations = configurations;
        this.request = request;
    }

    private String aid() {
        return request.merchantAccountId();
    }

    private String store() {
        return request.storeId();
    }

    /** @return the client's name at Dintero: how a second run finds it */
    String clientName() {
        return clientName(store());
    }

    /** @return the name of a store's API client at Dintero */
    static String clientName(String storeId) {
        return "Tillpay POS " + storeId;
    }

    /** @return the client named so in a list of API clients, or null */
    static JsonNode findClient(JsonNode clients, String name) {
        for (JsonNode c : clients.isArray() ? clients : clients.path("clients")) {
            if (name.equals(c.path("name").asText())) {
                return c;
            }
        }
        return null;
    }

    /** @return the payment profile's id */
    String profileId() {
        return "tillpay-" + store();
    }

    String secretName(String what) {
        return secretName(aid(), store(), what);
    }

    /** @return the name of a store's secret file in the secrets directory */
    static String secretName(String accountId, String storeId, String what) {
        return "tillpay-" + accountId + "-" + storeId + "-" + what;
    }

    /** @return completes with the report, never exceptionally */
    CompletableFuture<OnboardingReport> run(TestSaleStep testSale) {
        Set<PaymentMethodChoice> methods;
        try {
            methods = PaymentMethodConfiguration.choices(request.paymentMethods());
        } catch (IllegalArgumentException e) {
            step("payment methods", Outcome.FAILED, e.getMessage());
            return CompletableFuture.completedFuture(report());
        }
        return api.merchantToken(aid())
                .thenAccept(t -> {
                    token = t;
                    step("merchant token", Outcome.CHECKED, "partner " + api.settings().partnerId()
                            + " acts for " + aid());
                })
                .thenCompose(x -> account())
                .thenCompose(x -> apiClient())
                .thenCompose(x -> grant())
                .thenCompose(x -> profile(methods))
                .thenCompose(x -> signatureSecret())
                .thenApply(x -> webhookSecret())
                .thenApply(x -> configuration())
                .thenCompose(x -> testSale.run(api.settings(), request, steps))
                .handle((x, failure) -> {
                    if (failure != null) {
                        Throwable cause = Completions.cause(failure);
                        step(currentStep(), Outcome.FAILED, cause instanceof StepFailed ? cause.getMessage()
                                : explain(cause));
                    }
                    OnboardingReport report = report();
                    LOG.info("partner {}: onboarding of store {} (account {}) {}: {}", api.settings().partnerId(),
                            store(), aid(), report.succeeded() ? "succeeded" : "failed", steps);
                    return report;
                });
    }

    private CompletableFuture<Void> account() {
        return api.read(aid(), token, "/management/settings").thenAccept(settings -> {
            if (!settings.path("active").asBoolean(true)) {
                throw new StepFailed("account " + aid() + " is not active at Dintero");
            }
            String reference = settings.path("applicant").path("signup_reference").asText("");
            if (request.signupReference() != null && !request.signupReference().equals(reference)) {
                throw new StepFailed("account " + aid() + " signed up with reference '" + reference + "', not '"
                        + request.signupReference() + "': it belongs to another customer");
            }
            JsonNode company = settings.path("company");
            step("account", Outcome.CHECKED, orDash(company.path("business_name").asText("")) + ", organisation "
                    + orDash(company.path("organization_number").asText("")) + ", signup reference '" + reference
                    + "', "
                    + (settings.path("livemode").asBoolean(false) ? "live" : "test"));
        });
    }

    private CompletableFuture<Void> apiClient() {
        String secretName = secretName("client-secret");
        return api.read(aid(), token, "/auth/clients").thenCompose(list -> {
            JsonNode c = findClient(list, clientName());
            if (c != null) {
                clientId = c.path("id").asText();
                configurations.clientId(c.path("client_id").asText());
                if (secrets.exists(secretName)) {
                    step("api client", Outcome.REUSED, clientName() + " (" + c.path("client_id").asText() + ")");
                    return CompletableFuture.completedFuture(null);
                }
                // its secret is not here (a run stopped between create and write): Dintero shows a new one once
                return api.write(aid(), token, "POST", "/auth/clients/" + clientId + "/rotate-secret",
                        DinteroJson.MAPPER.createObjectNode()).thenAccept(rotated -> {
                            secrets.write(secretName, secretOf(rotated));
                            step("api client", Outcome.UPDATED, clientName() + ": its secret was not stored"
                                    + " here, so it was rotated and the new one stored");
                        });
            }
            ObjectNode body = DinteroJson.MAPPER.createObjectNode().put("name", clientName())
                    .put("description", "Tillpay POS client of store " + store());
            return api.write(aid(), token, "POST", "/auth/clients", body).thenAccept(created -> {
                secrets.write(secretName, secretOf(created));
                clientId = created.path("id").asText();
                configurations.clientId(created.path("client_id").asText());
                step("api client", Outcome.CREATED, clientName() + " (" + created.path("client_id").asText()
                        + "), secret stored in the secrets directory");
            });
        });
    }

    private CompletableFuture<Void> grant() {
        String audience = PartnerSettings.accountAudience(aid());
        return api.read(aid(), token, "/auth/client-grants?client_id=" + clientId + "&audience=" + audience)
                .thenCompose(list -> {
                    for (JsonNode g : list.isArray() ? list : list.path("grants")) {
                        if (clientId.equals(g.path("client_id").asText())
                                && audience.equals(g.path("audience").asText())) {
                            step("grant", Outcome.REUSED, "scopes " + g.path("scope"));
                            return CompletableFuture.completedFuture(null);
                        }
                    }
                    ObjectNode body = DinteroJson.MAPPER.createObjectNode().put("client_id", clientId)
                            .put("audience", audience).put("type", "client_credentials");
                    SCOPES.forEach(body.putArray("scope")::add);
                    return api.write(aid(), token, "POST", "/auth/client-grants", body)
                            .thenAccept(g -> step("grant", Outcome.CREATED, "scopes " + SCOPES));
                });
    }

    private CompletableFuture<Void> profile(Set<PaymentMethodChoice> methods) {
        ObjectNode configuration = DinteroJson.MAPPER.createObjectNode();
        PaymentMethodConfiguration.enable(configuration, methods);
        ObjectNode wanted = DinteroJson.MAPPER.createObjectNode().put("profile_id", profileId())
                .put("description", "Tillpay POS, store " + store());
        wanted.set("configuration", configuration);
        String path = "/admin/session/profiles/" + profileId();
        return Completions.orNullWhenNotFound(api.readCheckout(aid(), token, path))
                .thenCompose(existing -> {
            if (existing == null) {
                return api.writeCheckout(aid(), token, "POST", "/admin/session/profiles", wanted)
                        .thenAccept(p -> step("payment profile", Outcome.CREATED, profileId() + ": "
                                + request.paymentMethods()));
            }
            if (configuration.equals(existing.path("configuration"))) {
                step("payment profile", Outcome.REUSED, profileId() + ": " + request.paymentMethods());
                return CompletableFuture.completedFuture(null);
            }
            return api.writeCheckout(aid(), token, "PUT", "/admin/session/profiles/" + profileId(), wanted)
                    .thenAccept(p -> step("payment profile", Outcome.UPDATED, profileId() + ": now "
                            + request.paymentMethods()));
        });
    }

    private CompletableFuture<Void> signatureSecret() {
        String name = secretName("signature-secret");
        CompletableFuture<JsonNode> read = api.readCheckout(aid(), token, "/admin/signature");
        return Completions.orNullWhenNotFound(read).thenCompose(existing -> {
            String secret = existing == null ? "" : existing.path("signature").path("secret").asText("");
            if (!secret.isEmpty()) {
                boolean same = secrets.exists(name);
                secrets.write(name, secret);
                step("callback signature", same ? Outcome.REUSED : Outcome.CREATED, "the account's secret"
                        + (same ? "" : ", stored in the secrets directory"));
                return CompletableFuture.completedFuture(null);
            }
            return api.writeCheckout(aid(), token, "POST", "/admin/signature", null).thenAccept(created -> {
                secrets.write(name, created.path("signature").path("secret").asText());
                step("callback signature", Outcome.CREATED, "made for the account, stored in the secrets directory");
            });
        });
    }

    private Void webhookSecret() {
        String name = secretName("webhook-secret");
        if (secrets.exists(name)) {
            step("webhook secret", Outcome.REUSED, "the store subscribes its webhooks with it when it starts");
        } else {
            secrets.write(name, SecretFiles.random());
            step("webhook secret", Outcome.CREATED, "stored; the store subscribes its webhooks with it when it"
                    + " starts");
        }
        return null;
    }

    private Void configuration() {
        Outcome outcome = configurations.write(api.settings(), request, profileId(),
                SecretFiles.reference(secretName("client-secret")), SecretFiles.reference(secretName(
                        "signature-secret")), SecretFiles.reference(secretName("webhook-secret")));
        step("store configuration", outcome, "factory configuration " + StoreConfigurations.name(store())
                + ", secrets named, not written");
        return null;
    }

    private static String orDash(String text) {
        return text.isBlank() ? "-" : text;
    }

    /** @return the {@code client_secret} of Dintero's answer (shown only in it) */
    static String secretOf(JsonNode client) {
        String secret = client.path("client_secret").asText("");
        if (secret.isEmpty()) {
            throw new StepFailed("Dintero's answer has no client_secret");
        }
        return secret;
    }

    private String currentStep() {
        String[] order = {"merchant token", "account", "api client", "grant", "payment profile", "callback signature",
            "webhook secret", "store configuration", "test sale"};
        return order[Math.min(steps.size(), order.length - 1)];
    }

    private String explain(Throwable cause) {
        if (cause instanceof DinteroCallException call && call.status() == 403 && steps.isEmpty()) {
            return "Dintero refused to let partner " + api.settings().partnerId() + " act for " + aid()
                    + ": the merchant has not chosen this partner, or its onboarding is not finished (403)";
        }
        return cause.getMessage();
    }

    private void step(String name, Outcome outcome, String detail) {
        steps.add(new Step(name, outcome, detail));
    }

    private OnboardingReport report() {
        return new OnboardingReport(aid(), store(), steps);
    }

    /** A step found something wrong; its message is the report's detail. */
    static final class StepFailed extends RuntimeException {

        private static final long serialVersionUID = 1L;

        StepFailed(String message) {
            super(message, null, false, false);
        }
    }
}
