package org.tillpay.dintero.internal.store;

import java.time.Instant;
import java.util.Set;

import org.tillpay.dintero.internal.client.DinteroJson;
import org.tillpay.dintero.internal.config.StoreSettings;
import org.tillpay.payment.api.PaymentLine;
import org.tillpay.payment.api.PaymentMethodChoice;
import org.tillpay.payment.api.PaymentRequest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds the {@code POST /v1/sessions-profile} body for a payment request (API.md §4.1, FLOWS.md (a) step 3). */
final class SessionRequestMapper {

    /** Our callback path below the public base URL; the store id follows. */
    static final String CALLBACK_PATH = "/tillpay/dintero/callback/";
    /** Where the customer's browser lands after paying. */
    static final String RETURN_PATH = "/tillpay/dintero/return";

    private SessionRequestMapper() {
    }

    /**
     * @param settings the store
     * @return the callback URL registered with every session of the store: errors, captures, refunds and voids
     *         reported too (API.md §6)
     */
    static String callbackUrl(StoreSettings settings) {
        return settings.callbackBaseUrl() + CALLBACK_PATH + settings.storeId()
                + "?report_error=true&report_event=CAPTURE&report_event=REFUND&report_event=VOID";
    }

    /**
     * @param settings the store
     * @param request the cashier's request
     * @param methods the payment methods offered (already checked against the store)
     * @param merchantReference this attempt's merchant reference
     * @param expiresAt when the link stops working
     * @return the session request body
     */
    static ObjectNode sessionBody(StoreSettings settings, PaymentRequest request, Set<PaymentMethodChoice> methods,
            String merchantReference, Instant expiresAt) {
        ObjectNode body = DinteroJson.MAPPER.createObjectNode();
        body.put("profile_id", settings.profileId());
        ObjectNode url = body.putObject("url");
        url.put("return_url", settings.callbackBaseUrl() + RETURN_PATH);
        url.put("callback_url", callbackUrl(settings));
        if (request.linkOptions().express()) {
            ObjectNode express = body.putObject("express");
            express.put("shipping_mode", "shipping_required");
            express.putArray("shipping_options").addObject().put("id", "delivery").put("line_id", "delivery")
                    .put("amount", 0).put("operator", settings.storeName().isEmpty() ? settings.storeId()
                            : settings.storeName()).put("title", "Delivery to your address");
        }
        body.put("expires_at", expiresAt.toString());

        ObjectNode order = body.putObject("order");
        order.put("amount", request.amountMinor());
        order.put("currency", request.currency().getCurrencyCode());
        order.put("vat_amount", request.vatAmountMinor());
        order.put("merchant_reference", merchantReference);
        order.put("merchant_reference_2", request.saleReference());
        ObjectNode store = order.putObject("store");
        store.put("id", settings.storeId());
        if (!settings.storeName().isEmpty()) {
            store.put("name", settings.storeName());
        }
        request.tillId().ifPresent(till -> store.put("terminal_id", till));
        ArrayNode items = order.putArray("items");
        for (PaymentLine line : request.lines()) {
            ObjectNode item = items.addObject();
            item.put("line_id", line.lineId());
            item.put("description", line.description());
            item.put("quantity", line.quantity());
            item.put("amount", line.amountMinor());
            item.put("vat", line.vatPercent());
            item.put("vat_amount", line.vatAmountMinor());
        }

        if (request.customerPhone().isPresent() || request.customerEmail().isPresent()
                || request.linkOptions().giftCardId().isPresent()) {
            ObjectNode customer = body.putObject("customer");
            request.customerPhone().ifPresent(phone -> customer.put("phone_number", phone));
            request.customerEmail().ifPresent(email -> customer.put("email", email));
            // merchant-initiated gift card: preloaded in the checkout, the customer confirms with the PIN (API.md §9)
            request.linkOptions().giftCardId().ifPresent(card -> customer.putObject("gift_cards")
                    .putArray("dintero.wallets").addObject().put("card_id", card));
        }

        ObjectNode configuration = body.putObject("configuration");
        configuration.put("auto_capture", request.linkOptions().autoCapture());
        PaymentMethodConfiguration.enable(configuration, methods);
        boolean giftCards = request.linkOptions().giftCards();
        if (giftCards) {
            configuration.putObject("dintero").putObject("wallets").put("enabled", true);
        }
        if (request.customerPhone().isPresent() && request.linkOptions().sendSms()) {
            // with gift cards Dintero turns app push off: the customer always gets the SMS link
            boolean push = !giftCards && PaymentMethodConfiguration.pushInsteadOfSms(methods);
            configuration.putArray("publish").addObject().put("type", "checkout-link").put("channel",
                    push ? "push" : "sms");
        }
        return body;
    }
}
