package org.tillpay.dintero.emulator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Checks HTTP exchanges against Dintero's OpenAPI spec (our contract), loaded from the file named by system property
 * {@value #SPEC_PROPERTY}. Where that property is unset or the file is missing, validation is disabled:
 * {@link #isAvailable()} is false and {@link #shared()} returns a validator that reports nothing; tests that depend on
 * it should {@code assumeTrue(ContractValidator.isAvailable(), ...)}.
 *
 * <p>The spec's server base is {@code /v1}; paths given here include it ({@code /v1/sessions-profile}). Only
 * ERROR-level messages become violations; {@link #IGNORED} lists the only keys lowered to IGNORE, each justified.
 * Schema errors in request or response bodies are never ignored, except narrow, content-matched exceptions
 * (see {@link #NEWER_PAYMENT_PRODUCT_TYPES}, {@link #NEWER_STATUSES} and the discriminator note on {@code tolerated}). Set system property
 * {@code dintero.contract.debug=true} to print every validator message.
 */
public final class ContractValidator {

    /** System property naming the spec file (set by the root pom for surefire). */
    public static final String SPEC_PROPERTY = "dintero.spec";

    /**
     * Message keys ignored, with why:
     * <ul>
     * <li>{@code validation.schema.additionalProperties}: the validator's default is to inject
     * {@code additionalProperties: false} into every schema, which OpenAPI does not say; with Dintero's
     * {@code allOf} compositions (SessionProfile, Session, Transaction...) every branch then rejects the other
     * branches' properties, so no valid body could pass (see the validator's README FAQ). Ignoring it restores the
     * spec's own rule (extra properties allowed); required fields, types, enums and formats are still checked.</li>
     * </ul>
     */
    public static final Set<String> IGNORED = Set.of("validation.schema.additionalProperties");

    /**
     * {@code payment_product_type} values that Dintero's newer spec (SPEC-2025, see {@code node-sdk-payments.d.ts})
     * lists but the 2024 snapshot's Transaction enum lacks: the emulator maps Apple Pay and Google Pay to them. An enum
     * violation at {@code /payment_product_type} naming one of these values is dropped (also inside {@code allOf});
     * every other enum violation is kept.
     */
    public static final Set<String> NEWER_PAYMENT_PRODUCT_TYPES = Set.of("dintero_psp.applepay",
            "dintero_psp.googlepay");

    /**
     * Transaction status values whose enum violations at {@code /status} or {@code .../transaction_status} are
     * dropped (every other enum violation is kept):
     * <ul>
     * <li>{@code PARTIALLY_CAPTURED_REFUNDED}: SPEC-2025 ({@code node-sdk-payments.d.ts}: {@code Transaction.status}
     * and {@code TransactionEvent.transaction_status}) lists it; the 2024 snapshot has it only in the list filter;</li>
     * <li>{@code ON_HOLD}: the 2024 snapshot lists it last in both enums, yet the enums the validator reports after
     * loading end at {@code UNKNOWN}, so a Walley hold (API.md &sect;7.1) would be flagged although the spec allows
     * it.</li>
     * </ul>
     */
    public static final Set<String> NEWER_STATUSES = Set.of("PARTIALLY_CAPTURED_REFUNDED", "ON_HOLD");

    private static volatile ContractValidator shared;

    private final OpenApiInteractionValidator validator;

    private ContractValidator(OpenApiInteractionValidator validator) {
        this.validator = validator;
    }

    /** @return the spec file named by {@value #SPEC_PROPERTY}, when set and present */
    public static Optional<Path> specPath() {
        String value = System.getProperty(SPEC_PROPERTY);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Path path = Path.of(value);
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    /** @return whether the spec is available, so that validation actually happens */
    public static boolean isAvailable() {
        return specPath().isPresent();
    }

    /**
     * The validator for the configured spec, loaded once per JVM (parsing takes a few seconds).
     *
     * @return the validator; a disabled one when the spec is absent
     */
    public static ContractValidator shared() {
        ContractValidator v = shared;
        if (v == null) {
            synchronized (ContractValidator.class) {
                v = shared;
                if (v == null) {
                    v = new ContractValidator(specPath().map(ContractValidator::load).orElse(null));
                    shared = v;
                }
            }
        }
        return v;
    }

    private static OpenApiInteractionValidator load(Path spec) {
        LevelResolver.Builder levels = LevelResolver.create();
        IGNORED.forEach(key -> levels.withLevel(key, ValidationReport.Level.IGNORE));
        return OpenApiInteractionValidator.createForInlineApiSpecification(specText(spec))
                .withBasePathOverride("/v1").withLevelResolver(levels.build()).build();
    }

    /**
     * The spec as JSON, with one repair: the 2024 snapshot lists the documentation tag
     * {@code example-session-callbacks} twice, which swagger-parser reports as an error and the validator then refuses
     * to load. Tags only group operations in the docs, so later duplicates are dropped; nothing else is touched.
     */
    static String specText(Path spec) {
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(spec.toFile());
            JsonNode tags = root.path("tags");
            if (tags.isArray()) {
                Set<String> seen = new HashSet<>();
                for (Iterator<JsonNode> it = tags.iterator(); it.hasNext();) {
                    if (!seen.add(it.next().path("name").asText())) {
                        it.remove();
                    }
                }
            }
            return new ObjectMapper().writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Dintero spec " + spec, e);
        }
    }

    /** @return whether this instance validates (false when the spec is absent) */
    public boolean enabled() {
        return validator != null;
    }

    /**
     * Validates a request.
     *
     * @param method the HTTP method
     * @param path the spec path including {@code /v1}
     * @param query decoded query parameters
     * @param headers request headers
     * @param body the body, or null
     * @return the violations, empty when valid or disabled
     */
    public List<ContractViolation> validateRequest(String method, String path, Map<String, List<String>> query,
            Map<String, List<String>> headers, String body) {
        if (validator == null) {
            return List.of();
        }
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, path);
        query.forEach(request::withQueryParam);
        headers.forEach(request::withHeader);
        if (body != null && !body.isEmpty()) {
            request.withBody(body);
        }
        return violations("REQUEST", method, path, 0, validator.validateRequest(request.build()));
    }

    /**
     * Validates a response.
     *
     * @param method the HTTP method of the request
     * @param path the spec path including {@code /v1}
     * @param status the response status
     * @param headers response headers
     * @param body the body, or null
     * @return the violations, empty when valid or disabled
     */
    public List<ContractViolation> validateResponse(String method, String path, int status,
            Map<String, List<String>> headers, String body) {
        if (validator == null) {
            return List.of();
        }
        SimpleResponse.Builder response = new SimpleResponse.Builder(status);
        headers.forEach(response::withHeader);
        if (body != null && !body.isEmpty()) {
            response.withBody(body);
        }
        return violations("RESPONSE", method, path, status,
                validator.validateResponse(path, Request.Method.valueOf(method), response.build()));
    }

    private static List<ContractViolation> violations(String direction, String method, String path, int status,
            ValidationReport report) {
        List<ContractViolation> out = new ArrayList<>();
        for (ValidationReport.Message m : report.getMessages()) {
            if (Boolean.getBoolean("dintero.contract.debug")) {
                debug(m, "");
            }
            if (m.getLevel() != ValidationReport.Level.ERROR) {
                continue;
            }
            List<String> reasons = reasons(m);
            if (!reasons.isEmpty()) {
                out.add(new ContractViolation(direction, method, path, status, m.getKey(),
                        m.getNestedMessages().isEmpty() ? m.getMessage()
                                : m.getMessage() + " " + String.join("; ", reasons)));
            }
        }
        return out;
    }

    /**
     * The leaf messages of a (possibly nested, e.g. {@code allOf}) message, minus the tolerated ones; empty when every
     * reason was tolerated.
     */
    private static List<String> reasons(ValidationReport.Message m) {
        if (tolerated(m)) {
            return List.of();
        }
        if (m.getNestedMessages().isEmpty()) {
            return List.of(m.getMessage());
        }
        List<String> leaves = new ArrayList<>();
        m.getNestedMessages().forEach(n -> leaves.addAll(reasons(n)));
        return leaves;
    }

    /**
     * The narrow exceptions, by message content rather than key:
     * <ul>
     * <li>an enum violation at {@code /payment_product_type} naming one of {@link #NEWER_PAYMENT_PRODUCT_TYPES}, or at a
     * status naming one of {@link #NEWER_STATUSES};</li>
     * <li>the validator's "value ... is not the name of a valid definition (possible values: [])" for a discriminator:
     * the spec declares the subtypes of {@code AuthToken} (and of the payment schemas) by {@code allOf} plus
     * {@code x-discriminator-value} instead of {@code discriminator.mapping}, so the validator's list of names stays
     * empty although it finds and validates the subtype schema. The real checks are still reported: "Could not find any
     * schema spec for type ..." for an unknown {@code grant_type}, "Failed validation of discriminator schema ..." for
     * a subtype body that breaks its schema.</li>
     * </ul>
     */
    private static boolean tolerated(ValidationReport.Message m) {
        if (m.getKey().endsWith(".schema.discriminator")) {
            return m.getMessage().contains("is not the name of a valid definition (possible values: [])");
        }
        if (!m.getKey().endsWith(".schema.enum")) {
            return false;
        }
        String pointer = m.getContext().flatMap(ValidationReport.MessageContext::getPointers)
                .map(ValidationReport.MessageContext.Pointers::getInstance).orElse("");
        boolean atType = pointer.endsWith("/payment_product_type")
                || m.getMessage().startsWith("[Path '/payment_product_type']");
        boolean atStatus = pointer.endsWith("/status") || pointer.endsWith("/transaction_status")
                || m.getMessage().matches("\\[Path '(/status|/events/\\d+/transaction_status)'\\].*");
        return atType && NEWER_PAYMENT_PRODUCT_TYPES.stream().anyMatch(v -> m.getMessage().contains("(\"" + v
                + "\")")) || atStatus && NEWER_STATUSES.stream().anyMatch(v -> m.getMessage().contains("(\"" + v
                + "\")"));
    }

    private static void debug(ValidationReport.Message m, String indent) {
        System.err.println("CONTRACT " + indent + m.getLevel() + " " + m.getKey() + " " + m.getMessage() + " @"
                + m.getContext().flatMap(ValidationReport.MessageContext::getPointers)
                        .map(p -> p.getInstance() + " " + p.getSchema()).orElse("-"));
        m.getNestedMessages().forEach(n -> debug(n, indent + "  "));
    }
}
