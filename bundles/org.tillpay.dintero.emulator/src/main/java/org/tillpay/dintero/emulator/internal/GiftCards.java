package org.tillpay.dintero.emulator.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Dintero Wallets gift cards per account (API.md &sect;9): issued through the control API, confirmed with their PIN
 * on the hosted page, drawn when the payment is authorized and credited back on refund or void. Thread-safe (each
 * account's cards under their own map's lock).
 */
final class GiftCards {

    /** The type Dintero gives the gift-card part of a payment. */
    static final String TYPE = "dintero.wallets";

    private static final Logger LOG = LoggerFactory.getLogger(GiftCards.class);
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    /** One card; mutable balance, guarded by the account's map. */
    private static final class Card {
        final String cardId;
        final String cardNumber;
        final String pin;
        final String currency;
        long balance;

        Card(String cardId, String cardNumber, String pin, String currency, long balance) {
            this.cardId = cardId;
            this.cardNumber = cardNumber;
            this.pin = pin;
            this.currency = currency;
            this.balance = balance;
        }
    }

    /**
     * What a payment drew from a card.
     *
     * @param accountId the card's account
     * @param cardId the card's id
     * @param amount the amount drawn, minor units
     * @param maskedCardToken the card number with all but the last four characters masked
     * @param walletsTransactionId the Wallets drawdown's id, carried by the authorization and capture events
     */
    record Draw(String accountId, String cardId, long amount, String maskedCardToken, String walletsTransactionId) {

        /**
         * A {@code Giftcard} for {@code gift_cards[]}.
         *
         * @param share the amount to show
         * @param transactionId the Wallets transaction id for events, null for the transaction's own list
         * @return the JSON
         */
        ObjectNode view(long share, String transactionId) {
            ObjectNode node = Json.object();
            node.put("type", TYPE);
            node.put("card_id", cardId);
            node.put("amount", share);
            node.put("masked_card_token", maskedCardToken);
            if (transactionId != null) {
                node.put("transaction_id", transactionId);
            }
            return node;
        }
    }

    private final Map<String, Map<String, Card>> byAccount = new ConcurrentHashMap<>();

    /** Issues a card; see {@link org.tillpay.dintero.emulator.DinteroEmulator#addGiftCard}. */
    void add(String accountId, String cardId, String cardNumber, String pin, long balance, String currency) {
        for (String[] value : new String[][] {{"accountId", accountId}, {"cardId", cardId},
            {"cardNumber", cardNumber}, {"pin", pin}}) {
            if (value[1] == null || value[1].isBlank()) {
                throw new IllegalArgumentException(value[0] + " is required");
            }
        }
        if (balance < 0) {
            throw new IllegalArgumentException("balance must not be negative, was " + balance);
        }
        if (currency == null || !CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException("currency must be a three-letter ISO 4217 code, was " + currency);
        }
        Map<String, Card> cards = byAccount.computeIfAbsent(accountId, a -> new LinkedHashMap<>());
        synchronized (cards) {
            if (cards.containsKey(cardId)
                    || cards.values().stream().anyMatch(c -> c.cardNumber.equals(cardNumber))) {
                throw new IllegalArgumentException("account " + accountId + " already has gift card " + cardId
                        + " or one with the same number");
            }
            cards.put(cardId, new Card(cardId, cardNumber, pin, currency, balance));
        }
        LOG.info("Gift card {} issued to account {} ({} {})", cardId, accountId, balance, currency);
    }

    /** @return whether the account has a card with this id */
    boolean exists(String accountId, String cardId) {
        Map<String, Card> cards = byAccount.get(accountId);
        if (cards == null) {
            return false;
        }
        synchronized (cards) {
            return cards.containsKey(cardId);
        }
    }

    /** A card's balance; see {@link org.tillpay.dintero.emulator.DinteroEmulator#giftCardBalance}. */
    long balance(String accountId, String cardId) {
        Map<String, Card> cards = byAccount.getOrDefault(accountId, Map.of());
        synchronized (cards) {
            Card card = cards.get(cardId);
            if (card == null) {
                throw new NoSuchElementException("account " + accountId + " has no gift card " + cardId);
            }
            return card.balance;
        }
    }

    /**
     * Checks the customer's card and PIN, and draws {@code min(balance, total)} from it.
     *
     * @param accountId the session's account
     * @param preloadedCardId the card the merchant preloaded, or null
     * @param cardNumber the number the customer typed
     * @param pin the PIN the customer typed
     * @param total the amount to pay
     * @param currency the session's currency
     * @param drawNow false to check only (nothing is drawn; the returned draw's amount is what would be drawn)
     * @return what was drawn
     * @throws IllegalArgumentException on an unknown card or wrong PIN ("wrong PIN"), another card than the preloaded
     *         one, a currency mismatch or an empty card
     */
    Draw draw(String accountId, String preloadedCardId, String cardNumber, String pin, long total, String currency,
            boolean drawNow) {
        Map<String, Card> cards = byAccount.getOrDefault(accountId, Map.of());
        synchronized (cards) {
            Card card = cards.values().stream().filter(c -> c.cardNumber.equals(cardNumber)).findFirst()
                    .orElse(null);
            if (card == null || !card.pin.equals(pin)) {
                throw new IllegalArgumentException("wrong PIN or unknown gift card");
            }
            if (preloadedCardId != null && !preloadedCardId.equals(card.cardId)) {
                throw new IllegalArgumentException("the session is preloaded with gift card " + preloadedCardId
                        + "; another card was given");
            }
            if (!card.currency.equals(currency)) {
                throw new IllegalArgumentException("gift card " + card.cardId + " is in " + card.currency
                        + ", the session in " + currency);
            }
            long amount = Math.min(card.balance, total);
            if (amount <= 0) {
                throw new IllegalArgumentException("gift card " + card.cardId + " has no balance left");
            }
            if (drawNow) {
                card.balance -= amount;
                LOG.info("Gift card {} of account {} drawn {} {} (balance {})", card.cardId, accountId, amount,
                        currency, card.balance);
            }
            return new Draw(accountId, card.cardId, amount, mask(card.cardNumber), Ids.uuid());
        }
    }

    /**
     * Puts money back on a card (a refund or a released authorization).
     *
     * @param draw the payment's draw
     * @param amount the amount, minor units
     */
    void credit(Draw draw, long amount) {
        if (amount <= 0) {
            return;
        }
        Map<String, Card> cards = byAccount.getOrDefault(draw.accountId(), Map.of());
        synchronized (cards) {
            Card card = cards.get(draw.cardId());
            if (card != null) {
                card.balance += amount;
                LOG.info("Gift card {} of account {} credited {} (balance {})", card.cardId, draw.accountId(),
                        amount, card.balance);
            }
        }
    }

    /**
     * Validates a session request's gift-card parts (API.md &sect;9): with {@code configuration.dintero.wallets.enabled}
     * none of vipps, swish, klarna.billie, instabank, collector (Walley) or netaxept may be enabled, the session must be
     * an Express session, and at most one preloaded card, which must exist; preloading needs wallets enabled.
     *
     * @param body the session request
     * @param accountId the calling account
     * @throws ApiException 400 naming the problem
     */
    void validateSession(JsonNode body, String accountId) {
        JsonNode preload = Json.at(body, "customer", "gift_cards", TYPE);
        boolean enabled = walletsEnabled(body.path("configuration"));
        if (!enabled) {
            if (preload != null) {
                throw ApiException.badRequest("customer.gift_cards[\"dintero.wallets\"] needs "
                        + "configuration.dintero.wallets.enabled=true");
            }
            return;
        }
        for (String type : PaymentMethods.enabledTypes(body.path("configuration"))) {
            if (type.equals("vipps") || type.startsWith("vipps.") || type.startsWith("swish")
                    || type.equals("klarna.billie") || type.startsWith("instabank") || type.startsWith("collector")
                    || type.startsWith("netaxept")) {
                throw ApiException.badRequest("configuration.dintero.wallets (gift cards) cannot be enabled together "
                        + "with " + type + "; not supported with vipps, swish, klarna.billie, instabank, collector "
                        + "or netaxept");
            }
        }
        if (Json.at(body, "express") == null) {
            throw ApiException.badRequest("configuration.dintero.wallets (gift cards) is only supported in Express "
                    + "sessions (express is required)");
        }
        if (preload != null) {
            if (!preload.isArray() || preload.size() > 1) {
                throw ApiException.badRequest("customer.gift_cards[\"dintero.wallets\"] must be an array of at most "
                        + "one card");
            }
            String cardId = preload.isEmpty() ? null : Json.text(preload.get(0), "card_id");
            if (!preload.isEmpty() && (cardId == null || !exists(accountId, cardId))) {
                throw ApiException.badRequest("customer.gift_cards[\"dintero.wallets\"][0].card_id " + cardId
                        + " is not a gift card of account " + accountId);
            }
        }
    }

    /** @return whether {@code configuration.dintero.wallets.enabled} is true */
    static boolean walletsEnabled(JsonNode configuration) {
        return configuration != null && configuration.path("dintero").path("wallets").path("enabled")
                .asBoolean(false);
    }

    /** @return the preloaded card id of a session, or null */
    static String preloadedCardId(SessionRecord session) {
        JsonNode preload = session.customer() == null ? null : Json.at(session.customer(), "gift_cards", TYPE);
        return preload != null && preload.isArray() && !preload.isEmpty() ? Json.text(preload.get(0), "card_id")
                : null;
    }

    private static String mask(String cardNumber) {
        int keep = Math.min(4, cardNumber.length());
        return "*".repeat(cardNumber.length() - keep) + cardNumber.substring(cardNumber.length() - keep);
    }
}
