package org.tillpay.dintero.emulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.Test;
import org.tillpay.dintero.emulator.EmulatedPayment;
import org.tillpay.dintero.emulator.testing.EmulatorServer;

import com.fasterxml.jackson.databind.JsonNode;

/** Dintero Wallets gift cards: session rules, paying with card and PIN, precedence on capture and refund. */
class GiftCardTest extends EmulatorTestBase {

    private static final String ACCOUNT = EmulatorServer.ACCOUNT_ID;
    private static final String NUMBER = "6001000011112222";
    private static final String WALLETS = "\"dintero\":{\"wallets\":{\"enabled\":true}},";

    /** An Express session (total 63700 with the 3900 shipping) with the given configuration switches first. */
    private static String express(String switches) {
        return Sessions.express(null, Sessions.SHIPPING_OPTION, null).replace("\"configuration\":{",
                "\"configuration\":{" + switches);
    }

    private String rejectedSession(String body) {
        Http.Response r = Http.postJson(server.checkoutBaseUrl() + "/v1/sessions-profile", bearer, body, Map.of());
        assertEquals(400, r.status(), r.body());
        return r.json().path("error").path("message").asText();
    }

    @Test
    void sessionsWithGiftCardsAreValidated() {
        server.emulator().addGiftCard(ACCOUNT, "gc-1", NUMBER, "1234", 30000, "NOK");
        assertTrue(rejectedSession(express(WALLETS + "\"vipps\":{\"enabled\":true},")).contains("vipps"));
        assertTrue(rejectedSession(express(WALLETS + "\"collector\":{\"invoice\":{\"enabled\":true}},"))
                .contains("collector.invoice"));
        assertTrue(rejectedSession(Sessions.body("+4799999999", null, WALLETS.substring(0, WALLETS.length() - 1)))
                .contains("only supported in Express sessions"));
        assertTrue(rejectedSession(express(WALLETS).replace("\"customer\":{", "\"customer\":{\"gift_cards\":"
                + "{\"dintero.wallets\":[{\"card_id\":\"gc-9\"}]},")).contains("gc-9 is not a gift card"));
        assertTrue(rejectedSession(express("").replace("\"customer\":{", "\"customer\":{\"gift_cards\":"
                + "{\"dintero.wallets\":[{\"card_id\":\"gc-1\"}]},")).contains("needs configuration.dintero.wallets"));
        server.clearContractViolations();
        assertTrue(rejectedSession(express(WALLETS).replace("\"customer\":{", "\"customer\":{\"gift_cards\":"
                + "{\"dintero.wallets\":[{\"card_id\":\"gc-1\"},{\"card_id\":\"gc-1\"}]},")).contains("at most one"));
        server.clearContractViolations(); // two cards also break the spec's maxItems
        session(express(WALLETS + "\"payex\":{\"mobilepay\":{\"enabled\":true}},"));
        assertEquals("sms", server.emulator().outbox().get(0).channel(), "no app push with gift cards");
        assertThrows(IllegalArgumentException.class, () -> server.emulator().addGiftCard(ACCOUNT, "gc-1", "9", "1",
                1, "NOK"), "card ids are unique per account");
        assertThrows(NoSuchElementException.class, () -> server.emulator().giftCardBalance(ACCOUNT, "gc-9"));
    }

    @Test
    void giftCardPaysFirstAndIsCapturedAndRefundedFirst() {
        server.emulator().addGiftCard(ACCOUNT, "gc-1", NUMBER, "1234", 30000, "NOK");
        String sessionId = session(express(WALLETS + "\"dintero_psp\":{\"creditcard\":{\"enabled\":true}},"));
        IllegalArgumentException wrongPin = assertThrows(IllegalArgumentException.class,
                () -> server.emulator().payWithGiftCard(sessionId, NUMBER, "0000", "card"));
        assertTrue(wrongPin.getMessage().contains("wrong PIN"), wrongPin.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> server.emulator().payWithGiftCard(sessionId, NUMBER, "1234", null), "the rest needs a method");
        assertEquals(30000, server.emulator().giftCardBalance(ACCOUNT, "gc-1"));

        EmulatedPayment payment = server.emulator().payWithGiftCard(sessionId, NUMBER, "1234", "card");
        assertEquals("dintero_psp.creditcard", payment.paymentProductType());
        assertEquals(0, server.emulator().giftCardBalance(ACCOUNT, "gc-1"), "drawn at authorization");
        String txId = payment.transactionId();
        JsonNode tx = Ops.transaction(server, bearer, txId);
        assertEquals(63700, tx.path("amount").asLong());
        JsonNode gift = tx.path("gift_cards").get(0);
        assertEquals("dintero.wallets", gift.path("type").asText());
        assertEquals("gc-1", gift.path("card_id").asText());
        assertEquals(30000, gift.path("amount").asLong());
        assertEquals("************2222", gift.path("masked_card_token").asText());
        JsonNode authorizeGift = tx.path("events").get(0).path("gift_cards").get(0);
        assertEquals(30000, authorizeGift.path("amount").asLong());
        assertFalse(authorizeGift.path("transaction_id").asText().isEmpty());
        assertTrue(Http.get(server.checkoutBaseUrl() + "/v1/sessions/" + sessionId, bearer).json().path("events")
                .findValuesAsText("name").contains("SET_GIFT_CARD"));

        tx = Ops.ok(server, bearer, txId, "capture", Ops.body(40000, null, null));
        assertEquals(30000, Ops.last(tx).path("gift_cards").get(0).path("amount").asLong(), "gift card first");
        tx = Ops.ok(server, bearer, txId, "capture", Ops.body(23700, null, null));
        assertEquals("CAPTURED", tx.path("status").asText());
        assertFalse(Ops.last(tx).has("gift_cards"), "nothing left on the gift card");
        tx = Ops.ok(server, bearer, txId, "refund", Ops.body(20000, null, null));
        assertEquals(20000, Ops.last(tx).path("gift_cards").get(0).path("amount").asLong());
        assertEquals(20000, server.emulator().giftCardBalance(ACCOUNT, "gc-1"), "money back to the card");
        tx = Ops.ok(server, bearer, txId, "refund", Ops.body(15000, null, null));
        assertEquals(10000, Ops.last(tx).path("gift_cards").get(0).path("amount").asLong(),
                "never more than was captured on the card");
        assertEquals(30000, server.emulator().giftCardBalance(ACCOUNT, "gc-1"));
    }

    @Test
    void preloadedCardMustBeTheOneGivenAndMayCoverEverything() {
        server.emulator().addGiftCard(ACCOUNT, "gc-1", NUMBER, "1234", 100000, "NOK");
        server.emulator().addGiftCard(ACCOUNT, "gc-2", "6001000033334444", "4321", 100000, "NOK");
        String sessionId = session(express(WALLETS).replace("\"customer\":{", "\"customer\":{\"gift_cards\":"
                + "{\"dintero.wallets\":[{\"card_id\":\"gc-1\"}]},"));
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> server.emulator().payWithGiftCard(sessionId, "6001000033334444", "4321", null));
        assertTrue(other.getMessage().contains("preloaded"), other.getMessage());
        EmulatedPayment payment = server.emulator().payWithGiftCard(sessionId, NUMBER, "1234", null);
        assertEquals("dintero.wallets", payment.paymentProductType());
        assertEquals(100000 - 63700, server.emulator().giftCardBalance(ACCOUNT, "gc-1"));
        JsonNode tx = Ops.ok(server, bearer, payment.transactionId(), "void", null);
        assertEquals("AUTHORIZATION_VOIDED", tx.path("status").asText());
        assertEquals(63700, Ops.last(tx).path("gift_cards").get(0).path("amount").asLong());
        assertEquals(100000, server.emulator().giftCardBalance(ACCOUNT, "gc-1"), "the void releases the card");
        assertThrows(IllegalArgumentException.class, () -> server.emulator().payWithGiftCard(
                session(Sessions.body()), NUMBER, "1234", "card"), "the session does not take gift cards");
    }
}
