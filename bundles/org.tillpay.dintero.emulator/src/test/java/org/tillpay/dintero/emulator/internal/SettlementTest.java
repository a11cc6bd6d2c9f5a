package org.tillpay.dintero.emulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.tillpay.dintero.emulator.DinteroSettlementsEmulator;
import org.tillpay.dintero.emulator.testing.EmulatorServer;

import com.fasterxml.jackson.databind.JsonNode;

/** Settlements: per provider, fees, gift cards left out, settlement status of transactions, postponed payouts. */
class SettlementTest extends EmulatorTestBase {

    static final String ACCOUNT = EmulatorServer.ACCOUNT_ID;
    static final LocalDate PAYOUT = LocalDate.of(2024, 5, 2);

    final DinteroSettlementsEmulator settlements = server.settlements();

    /** Pays with a method and captures the whole 59800 from the back office (Swish captures itself). */
    String captured(String method) {
        String tx = paid(method);
        if (!"swish".equals(method)) {
            server.emulator().backofficeCapture(tx, 59800);
        }
        return tx;
    }

    /** An Express session (63700 with shipping) paid with a gift card of the given balance and, for the rest, card. */
    String paidWithGiftCard(String cardId, String number, long balance) {
        server.emulator().addGiftCard(ACCOUNT, cardId, number, "1234", balance, "NOK");
        String body = Sessions.express(null, Sessions.SHIPPING_OPTION, null).replace("\"configuration\":{",
                "\"configuration\":{\"dintero\":{\"wallets\":{\"enabled\":true}},"
                        + "\"dintero_psp\":{\"creditcard\":{\"enabled\":true}},");
        return server.emulator().payWithGiftCard(session(body), number, "1234", balance >= 63700 ? null : "card")
                .transactionId();
    }

    /** The control API's settlement of a provider among the given ones. */
    static Map<String, Object> byProvider(List<Map<String, Object>> all, String provider) {
        return all.stream().filter(s -> provider.equals(s.get("provider"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + provider + " settlement in " + all));
    }

    /** The one {@code amounts[]} entry of a settlement, checked: amount = capture - refund - fee. */
    static Map<?, ?> amounts(Map<String, Object> settlement, long capture, long refund, long fee) {
        List<?> amounts = (List<?>) settlement.get("amounts");
        assertEquals(1, amounts.size(), amounts.toString());
        Map<?, ?> a = (Map<?, ?>) amounts.get(0);
        assertEquals("NOK", a.get("currency"));
        assertEquals(capture, ((Number) a.get("capture")).longValue(), settlement.toString());
        assertEquals(refund, ((Number) a.get("refund")).longValue(), settlement.toString());
        assertEquals(fee, ((Number) a.get("fee")).longValue(), settlement.toString());
        assertEquals(capture - refund - fee, ((Number) a.get("amount")).longValue(), settlement.toString());
        return a;
    }

    @Test
    void settlesCapturesAndRefundsPerProviderWithTheFeeTable() {
        settlements.setSalesBuffer(0);
        String card = captured("card");
        server.emulator().backofficeRefund(card, 10000);
        for (String method : List.of("vipps", "klarna", "walley", "mobilepay", "swish")) {
            captured(method);
        }
        String mixed = paidWithGiftCard("gc-1", "6001000011112222", 30000);
        server.emulator().backofficeCapture(mixed, 63700);
        String giftOnly = paidWithGiftCard("gc-2", "6001000033334444", 100000);
        server.emulator().backofficeCapture(giftOnly, 63700);
        String uncaptured = paid("vipps");

        List<String> ids = settlements.settle(ACCOUNT, PAYOUT);
        assertEquals(6, ids.size(), "one per provider, none for the gift card: " + ids);
        List<Map<String, Object>> all = settlements.settlements(ACCOUNT);
        assertEquals(ids, all.stream().map(s -> s.get("id")).toList());
        // card 1.39 % + 1 NOK: 59800 -> 831 + 100; the gift-card order's card part 33700 -> 468 + 100; refund free
        amounts(byProvider(all, "dintero_psp"), 59800 + 33700, 10000, 931 + 568);
        amounts(byProvider(all, "vipps"), 59800, 0, 1047); // 1.75 % of 59800 = 1046.5, half up
        amounts(byProvider(all, "klarna"), 59800, 0, 1788 + 300);
        amounts(byProvider(all, "collector"), 59800, 0, 1495 + 500);
        amounts(byProvider(all, "payex"), 59800, 0, 598);
        amounts(byProvider(all, "swish"), 59800, 0, 200);
        for (Map<String, Object> s : all) {
            assertEquals("paid", s.get("payment_status"));
            assertEquals("2024-05-02", s.get("settled_at"));
            assertEquals("012", s.get("store_id"));
            assertEquals(3, ((List<?>) s.get("attachments")).size());
            assertTrue(((String) s.get("start_at")).compareTo((String) s.get("end_at")) <= 0);
        }
        assertFalse(all.stream().anyMatch(s -> "dintero".equals(s.get("provider"))));

        JsonNode cardTx = Ops.transaction(server, bearer, card);
        assertEquals("SETTLED", cardTx.path("settlement_status").asText());
        assertEquals("SETTLED", cardTx.path("settlements").path("settlement_status").asText());
        JsonNode links = cardTx.path("settlements").path("events");
        assertEquals(2, links.size(), links.toString());
        String psp = (String) byProvider(all, "dintero_psp").get("id");
        assertTrue(StreamSupport.stream(links.spliterator(), false).allMatch(l -> psp.equals(l.path(
                "settlement_id").asText())));
        assertEquals(59800 - 931 - 10000, links.get(0).path("amount").asLong() + links.get(1).path("amount")
                .asLong());
        assertEquals(cardTx.path("events").get(1).path("id").asText(), links.get(0).path("event_correlation_id")
                .asText(), "the capture event");
        assertEquals(931, links.get(0).path("fee").asLong());
        assertEquals(10000, links.get(1).path("refund").asLong());
        assertEquals(33700 - 568, Ops.transaction(server, bearer, mixed).path("settlements").path("events").get(0)
                .path("amount").asLong(), "the gift-card share has no payout");
        assertEquals("NOT_SETTLED", Ops.transaction(server, bearer, giftOnly).path("settlement_status").asText());
        assertTrue(Ops.transaction(server, bearer, giftOnly).path("settlements").isMissingNode());
        assertEquals("NOT_SETTLED", Ops.transaction(server, bearer, uncaptured).path("settlement_status").asText());

        assertEquals(List.of(), settlements.settle(ACCOUNT, PAYOUT.plusDays(1)), "nothing new");
        assertEquals(6, settlements.settlements(ACCOUNT).size());
    }

    @Test
    void laterCapturesAndRefundsGoIntoNewSettlementsAndSmallCardPayoutsWait() {
        assertEquals(DinteroSettlementsEmulator.DEFAULT_SALES_BUFFER, settlements.salesBuffer());
        String tx = paid("card");
        server.emulator().backofficeCapture(tx, 30000);
        String vipps = paid("vipps");
        server.emulator().backofficeCapture(vipps, 1000);
        List<String> first = settlements.settle(ACCOUNT, PAYOUT);
        assertEquals(2, first.size());
        List<Map<String, Object>> all = settlements.settlements(ACCOUNT);
        assertEquals("postponed", byProvider(all, "dintero_psp").get("payment_status"), "below 5000 NOK");
        assertEquals("paid", byProvider(all, "vipps").get("payment_status"), "the buffer is for cards only");
        assertEquals("SETTLED", Ops.transaction(server, bearer, tx).path("settlement_status").asText());

        server.emulator().backofficeCapture(tx, 29800);
        JsonNode partly = Ops.transaction(server, bearer, tx);
        assertEquals("PARTIALLY_SETTLED", partly.path("settlement_status").asText());
        assertEquals(1, partly.path("settlements").path("events").size());
        settlements.setSalesBuffer(20000);
        List<String> second = settlements.settle(ACCOUNT, PAYOUT.plusDays(1));
        assertEquals(1, second.size());
        assertNotEquals(first.get(0), second.get(0));
        Map<String, Object> later = settlements.settlements(ACCOUNT).get(2);
        amounts(later, 29800, 0, 414 + 100);
        assertEquals("paid", later.get("payment_status"), "above the lowered buffer");
        JsonNode settled = Ops.transaction(server, bearer, tx);
        assertEquals("SETTLED", settled.path("settlement_status").asText());
        assertEquals(second.get(0), settled.path("settlements").path("events").get(1).path("settlement_id").asText());

        server.emulator().backofficeRefund(tx, 50000);
        assertEquals("PARTIALLY_SETTLED", Ops.transaction(server, bearer, tx).path("settlement_status").asText());
        String refundOnly = settlements.settle(ACCOUNT, PAYOUT.plusDays(2)).get(0);
        Map<String, Object> negative = settlements.settlements(ACCOUNT).get(3);
        assertEquals(refundOnly, negative.get("id"));
        amounts(negative, 0, 50000, 0);
        assertEquals("postponed", negative.get("payment_status"), "negative balance");
        assertEquals("SETTLED", Ops.transaction(server, bearer, tx).path("settlement_status").asText());
    }

    @Test
    void controlApiRefusesWhatItCannotDo() {
        assertThrows(NoSuchElementException.class, () -> settlements.settle("T99999999", PAYOUT));
        assertThrows(IllegalArgumentException.class, () -> settlements.setSalesBuffer(-1));
        assertEquals(List.of(), settlements.settle(ACCOUNT, null), "no captures yet");
        captured("vipps");
        server.emulator().advanceClock(Duration.ofDays(3));
        String id = settlements.settle(ACCOUNT, null).get(0);
        assertEquals(LocalDate.ofInstant(server.emulator().now(), java.time.ZoneOffset.UTC).toString(),
                settlements.settlements(ACCOUNT).get(0).get("settled_at"), "today on the emulator's clock: " + id);
    }
}
