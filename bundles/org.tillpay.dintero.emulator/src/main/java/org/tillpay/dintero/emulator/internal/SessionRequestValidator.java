package org.tillpay.dintero.emulator.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/** Validates a {@code POST /v1/sessions-profile} body the way Dintero does; every failure is a 400. */
final class SessionRequestValidator {

    static final String STRICT_SESSION_AMOUNTS = "strict-session-amounts";

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");

    private SessionRequestValidator() {
    }

    /**
     * Validates the body.
     *
     * @param body the parsed body
     * @param account the calling account
     * @param profileExists whether the account has a payment profile
     * @param strictAmounts whether {@code Dintero-Feature-Toggles: strict-session-amounts} was sent
     * @param now the current time
     * @return the session's expiry time
     * @throws ApiException 400 naming the first problem found
     */
    static Instant validate(JsonNode body, Account account, java.util.function.Predicate<String> profileExists,
            boolean strictAmounts, Instant now) {
        if (!body.isObject()) {
            throw ApiException.badRequest("request body must be a JSON object");
        }
        String profileId = Json.text(body, "profile_id");
        if (profileId == null) {
            throw ApiException.badRequest("profile_id is required");
        }
        if (!profileExists.test(profileId)) {
            throw ApiException.badRequest("profile_id " + profileId + " is not a payment profile of account "
                    + account.accountId());
        }
        validateUrls(body);
        long amount = validateOrder(body, strictAmounts);
        if (amount < 0) {
            throw ApiException.badRequest("order.amount must not be negative");
        }
        JsonNode customer = Json.at(body, "customer");
        if (customer != null) {
            if (!customer.isObject()) {
                throw ApiException.badRequest("customer must be an object");
            }
            JsonNode phone = Json.at(customer, "phone_number");
            if (phone != null && !(phone.isTextual() && E164.matcher(phone.asText()).matches())) {
                throw ApiException.badRequest("customer.phone_number must be E.164, for example +4799999999");
            }
        }
        validatePublish(body);
        validateExpress(body);
        return expiry(body, now);
    }

    private static void validateUrls(JsonNode body) {
        JsonNode url = Json.at(body, "url");
        if (url == null || !url.isObject()) {
            throw ApiException.badRequest("url.return_url is required");
        }
        String returnUrl = Json.text(url, "return_url");
        if (returnUrl == null) {
            throw ApiException.badRequest("url.return_url is required");
        }
        requireAbsoluteUrl("url.return_url", returnUrl, false);
        JsonNode callback = Json.at(url, "callback_url");
        if (callback != null) {
            if (!callback.isTextual()) {
                throw ApiException.badRequest("url.callback_url must be a string");
            }
            // Real Dintero refuses http and loopback callback URLs; the emulator allows them for local use.
            requireAbsoluteUrl("url.callback_url", callback.asText(), true);
        }
    }

    private static void requireAbsoluteUrl(String field, String value, boolean httpOnly) {
        try {
            URI uri = new URI(value);
            boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            if (!uri.isAbsolute() || uri.getHost() == null && http || httpOnly && !http) {
                throw ApiException.badRequest(field + " must be an absolute " + (httpOnly ? "http(s) " : "")
                        + "URL");
            }
            QueryString.parse(uri.getRawQuery());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw ApiException.badRequest(field + " is not a valid URL");
        }
    }

    private static long validateOrder(JsonNode body, boolean strictAmounts) {
        JsonNode order = Json.at(body, "order");
        if (order == null || !order.isObject()) {
            throw ApiException.badRequest("order is required");
        }
        JsonNode amount = order.get("amount");
        if (amount == null || !amount.isIntegralNumber()) {
            throw ApiException.badRequest("order.amount is required and must be an integer (minor units)");
        }
        String currency = Json.text(order, "currency");
        if (currency == null || !CURRENCY.matcher(currency).matches()) {
            throw ApiException.badRequest("order.currency must be a three-letter ISO 4217 code");
        }
        String merchantReference = Json.text(order, "merchant_reference");
        if (merchantReference == null || merchantReference.isEmpty()) {
            throw ApiException.badRequest("order.merchant_reference is required");
        }
        long sum = 0;
        JsonNode items = Json.at(order, "items");
        if (items != null) {
            if (!items.isArray()) {
                throw ApiException.badRequest("order.items must be an array");
            }
            Set<String> lineIds = new HashSet<>();
            for (int i = 0; i < items.size(); i++) {
                JsonNode item = items.get(i);
                if (!item.isObject()) {
                    throw ApiException.badRequest("order.items[" + i + "] must be an object");
                }
                String lineId = Json.text(item, "line_id");
                if (lineId != null && !lineIds.add(lineId)) {
                    throw ApiException.badRequest("order.items[" + i + "].line_id " + lineId
                            + " is not unique within the order");
                }
                JsonNode itemAmount = item.get("amount");
                if (itemAmount != null && !itemAmount.isIntegralNumber()) {
                    throw ApiException.badRequest("order.items[" + i + "].amount must be an integer");
                }
                sum += itemAmount == null ? 0 : itemAmount.asLong();
            }
        }
        JsonNode shippingAmount = Json.at(order, "shipping_option", "amount");
        if (shippingAmount != null) {
            sum += shippingAmount.asLong();
        }
        if (strictAmounts && sum != amount.asLong()) {
            throw ApiException.badRequest("order.amount " + amount.asLong() + " must equal the sum of "
                    + "order.items[].amount and order.shipping_option.amount (" + sum + ") with "
                    + STRICT_SESSION_AMOUNTS);
        }
        return amount.asLong();
    }

    private static void validatePublish(JsonNode body) {
        JsonNode publish = Json.at(body, "configuration", "publish");
        if (publish == null) {
            return;
        }
        if (!publish.isArray()) {
            throw ApiException.badRequest("configuration.publish must be an array");
        }
        for (int i = 0; i < publish.size(); i++) {
            String channel = Json.text(publish.get(i), "channel");
            String type = Json.text(publish.get(i), "type");
            if (!"sms".equals(channel) && !"push".equals(channel)) {
                throw ApiException.badRequest("configuration.publish[" + i + "].channel must be sms or push");
            }
            if (!"checkout-link".equals(type) && !"app".equals(type)) {
                throw ApiException.badRequest("configuration.publish[" + i + "].type must be checkout-link or app");
            }
        }
    }

    private static void validateExpress(JsonNode body) {
        JsonNode express = Json.at(body, "express");
        if (express == null) {
            return;
        }
        JsonNode options = express.isObject() ? express.get("shipping_options") : null;
        if (options == null || !options.isArray()) {
            throw ApiException.badRequest("express.shipping_options is required (an array, empty when the order "
                    + "cannot be shipped)");
        }
        for (int i = 0; i < options.size(); i++) {
            JsonNode option = options.get(i);
            if (!option.isObject() || Json.text(option, "id") == null || Json.text(option, "line_id") == null
                    || !option.path("amount").isIntegralNumber()) {
                throw ApiException.badRequest("express.shipping_options[" + i + "] needs id, line_id and an "
                        + "integer amount");
            }
        }
        String mode = Json.text(express, "shipping_mode");
        if (mode != null && !"shipping_required".equals(mode) && !"shipping_not_required".equals(mode)) {
            throw ApiException.badRequest("express.shipping_mode must be shipping_required or shipping_not_required");
        }
    }

    private static Instant expiry(JsonNode body, Instant now) {
        JsonNode expiresAt = Json.at(body, "expires_at");
        if (expiresAt == null) {
            return now.plus(java.time.Duration.ofHours(4));
        }
        try {
            Instant at = OffsetDateTime.parse(expiresAt.asText()).toInstant();
            if (!at.isAfter(now)) {
                throw ApiException.badRequest("expires_at must be in the future");
            }
            return at;
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("expires_at must be an ISO 8601 date-time");
        }
    }
}
