package org.tillpay.dintero.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tillpay.dintero.internal.TestStores;
import org.tillpay.dintero.internal.client.DinteroCamelHost;
import org.tillpay.dintero.internal.config.StoreSettings;
import org.tillpay.dintero.internal.mail.SettlementReportMailer;
import org.tillpay.ledger.internal.JdbcSettlementStore;
import org.tillpay.ledger.settlement.Settlement;
import org.tillpay.ledger.settlement.SettlementFile;
import org.tillpay.ledger.settlement.SettlementLine;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * Forwarding settlement reports to a real SMTP server (GreenMail): the summary and every file arrive once, and a
 * report whose send failed stays pending and goes out on the next round.
 */
class SettlementForwarderTest {

    private static final String RECIPIENT = "books@butikk.example.no";

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(
            new ServerSetup(3025, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    private static DinteroCamelHost host;
    private static JdbcSettlementStore store;

    @BeforeAll
    static void start() {
        host = new DinteroCamelHost();
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:forward" + System.nanoTime() + ";DB_CLOSE_DELAY=-1;OPTIMIZE_REUSE_RESULTS=FALSE");
        store = new JdbcSettlementStore(h2);
    }

    @AfterAll
    static void stop() {
        host.stop();
    }

    private static StoreSettings settings(int smtpPort) {
        Map<String, Object> m = new HashMap<>();
        m.put("smtp_host", "127.0.0.1");
        m.put("smtp_port", smtpPort);
        m.put("smtp_from", "noreply@butikk.example.no");
        m.put("smtp_starttls", false);
        m.put("settlement_report_email", RECIPIENT);
        return StoreSettings.from(TestStores.config(m));
    }

    private static Settlement settlement(StoreSettings s, String id) {
        return new Settlement(id, s.accountId(), s.storeId(), "vipps", "vipps-payout-1", "paid", "NOK", 50_000, 5_000,
                725, 44_275, LocalDate.now(), null, null, null);
    }

    @Test
    void aReportThatFailedIsSentOnTheNextRoundWithItsFiles() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        StoreSettings down = settings(closedPort);
        Settlement s = settlement(down, "st_forward_" + System.nanoTime());
        byte[] csv = "transaction_id;amount\nT1;500.00\n".getBytes(StandardCharsets.UTF_8);
        byte[] binary = new byte[4096];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        store.store(s, List.<SettlementLine>of().iterator(), List.of(
                SettlementFile.Content.of("att_1", "dintero-report.csv", "text/csv", "dintero", csv),
                SettlementFile.Content.of("att_2", "vipps-source.bin", "application/octet-stream", "vipps", binary)));

        int sent = new SettlementForwarder(down, new SettlementReportMailer(host), store, Clock.systemUTC())
                .forwardPending().get(30, TimeUnit.SECONDS);

        assertEquals(0, sent);
        assertEquals(List.of(s.settlementId()), ids(down));

        StoreSettings up = settings(SMTP.getSmtp().getPort());
        SettlementForwarder forwarder = new SettlementForwarder(up, new SettlementReportMailer(host), store,
                Clock.systemUTC());
        assertEquals(1, forwarder.forwardPending().get(30, TimeUnit.SECONDS));
        assertEquals(0, forwarder.forwardPending().get(30, TimeUnit.SECONDS), "recorded: not sent again");
        assertEquals(List.of(), ids(up));

        assertTrue(SMTP.waitForIncomingEmail(5_000, 1));
        MimeMessage message = SMTP.getReceivedMessages()[0];
        assertEquals(1, SMTP.getReceivedMessages().length);
        assertEquals(RECIPIENT, message.getAllRecipients()[0].toString());
        assertEquals("Dintero payout vipps " + s.settledAt() + ": 442.75 NOK (paid)", message.getSubject());
        MimeMultipart parts = (MimeMultipart) message.getContent();
        assertEquals(3, parts.getCount());
        String text = (String) parts.getBodyPart(0).getContent();
        assertTrue(text.contains("Fees:            7.25 NOK"), text);
        assertTrue(text.contains(s.settlementId()), text);
        assertEquals(Part.ATTACHMENT, parts.getBodyPart(1).getDisposition());
        assertEquals("dintero-report.csv", parts.getBodyPart(1).getFileName());
        assertArrayEquals(csv, bytes(parts.getBodyPart(1)));
        assertEquals("vipps-source.bin", parts.getBodyPart(2).getFileName());
        assertArrayEquals(binary, bytes(parts.getBodyPart(2)));
    }

    private static List<String> ids(StoreSettings s) {
        return store.awaitingForward(s.accountId(), s.storeId(), java.time.Instant.EPOCH).stream()
                .map(Settlement::settlementId).toList();
    }

    private static byte[] bytes(jakarta.mail.BodyPart part) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        part.getDataHandler().writeTo(out);
        return out.toByteArray();
    }
}
