package org.tillpay.dintero.internal.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tillpay.dintero.internal.TestStores;
import org.tillpay.dintero.internal.client.DinteroCamelHost;
import org.tillpay.dintero.internal.config.StoreSettings;
import org.tillpay.dintero.internal.mail.EmailResult.Failure;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The e-mail route against a real SMTP server (GreenMail) through the bundle's Camel context: what arrives, SMTP login,
 * and failures as typed results whose reasons, like every log line, never show the password.
 */
class LinkMailerTest {

    private static final String USER = "mailer";
    private static final String PASSWORD = "s3cret-Pa55word-4711";
    private static final String WRONG_PASSWORD = "wrong-Pa55word-0815";
    private static final String FROM = "noreply@butikk.example.no";

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(
            new ServerSetup(3025, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(FROM, USER, PASSWORD));

    private static DinteroCamelHost host;
    private static LinkMailer mailer;

    private PrintStream realOut;
    private PrintStream realErr;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    @BeforeAll
    static void start() {
        // our route's and camel-mail's debug lines too, if their loggers are not made yet in this JVM
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.camel.component.mail", "debug");
        System.setProperty("org.slf4j.simpleLogger.log.org.tillpay.dintero.internal.mail", "debug");
        host = new DinteroCamelHost();
        mailer = new LinkMailer(host);
    }

    @AfterAll
    static void stop() {
        host.stop();
    }

    @BeforeEach
    void captureOutput() {
        realOut = System.out;
        realErr = System.err;
        System.setOut(new PrintStream(new Tee(realOut, captured), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(realErr, captured), true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreOutput() {
        System.setOut(realOut);
        System.setErr(realErr);
        String log = captured.toString(StandardCharsets.UTF_8);
        for (String secret : new String[] {PASSWORD, WRONG_PASSWORD, base64Plain(PASSWORD), base64Plain(WRONG_PASSWORD),
                Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8))}) {
            assertFalse(log.contains(secret), "a password shows in the log:\n" + log);
        }
    }

    private static String base64Plain(String password) {
        return Base64.getEncoder().encodeToString(("\0" + USER + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static StoreSettings store(Object... overrides) {
        Map<String, Object> m = new HashMap<>();
        m.put("smtp_host", "127.0.0.1");
        m.put("smtp_port", SMTP.getSmtp().getPort());
        m.put("smtp_from", FROM);
        m.put("smtp_starttls", false);
        for (int i = 0; i < overrides.length; i += 2) {
            m.put((String) overrides[i], overrides[i + 1]);
        }
        return StoreSettings.from(TestStores.config(m));
    }

    private static LinkEmail email() {
        return LinkEmail.from(LinkEmailTest.request().build(), "Butikk Storgata", LinkEmailTest.LINK, LinkEmailTest.EXPIRES);
    }

    private static EmailResult send(StoreSettings settings, LinkEmail email) throws Exception {
        return mailer.send(settings, email).get(30, TimeUnit.SECONDS);
    }

    @Test
    void theMessageArrivesAsMultipartAlternative() throws Exception {
        EmailResult result = send(store(), email());

        assertTrue(result.isSent(), result.toString());
        assertTrue(SMTP.waitForIncomingEmail(5_000, 1));
        MimeMessage message = SMTP.getReceivedMessages()[0];
        assertEquals(result.messageId().orElseThrow(), message.getMessageID());
        InternetAddress from = (InternetAddress) message.getFrom()[0];
        assertEquals(FROM, from.getAddress());
        assertEquals("Butikk Storgata", from.getPersonal());
        assertEquals("kari.nordmann@example.com", ((InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getAddress());
        assertEquals(1, message.getAllRecipients().length);
        assertEquals("Payment link from Butikk Storgata: 797.00 NOK", message.getSubject());
        assertTrue(message.getContentType().startsWith("multipart/alternative"), message.getContentType());

        MimeMultipart parts = (MimeMultipart) message.getContent();
        assertEquals(2, parts.getCount());
        assertTrue(parts.getBodyPart(0).isMimeType("text/plain"), parts.getBodyPart(0).getContentType());
        assertTrue(parts.getBodyPart(1).isMimeType("text/html"), parts.getBodyPart(1).getContentType());
        String text = (String) parts.getBodyPart(0).getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        for (String part : new String[] {text, html}) {
            assertTrue(part.contains("Genser"), part);
            assertTrue(part.contains("598.00 NOK"), part);
            assertTrue(part.contains("Bok"), part);
            assertTrue(part.contains("199.00 NOK"), part);
            assertTrue(part.contains("797.00 NOK"), part);
            assertTrue(part.contains("119.60 NOK"), part);
            assertTrue(part.contains("4711/2"), part);
            assertTrue(part.contains("21 November 2026 at 14:30 CET"), part);
        }
        assertTrue(text.contains(LinkEmailTest.LINK), text);
        assertTrue(html.contains("href=\"" + LinkEmailTest.LINK.replace("&", "&amp;") + "\""), html);
    }

    @Test
    void smtpLoginWithUserAndPassword() throws Exception {
        EmailResult result = send(store("smtp_username", USER, "smtp_password", PASSWORD), email());

        assertTrue(result.isSent(), result.toString());
        assertTrue(SMTP.waitForIncomingEmail(5_000, 1));
    }

    @Test
    void wrongPasswordIsAFailedResultWithoutThePassword() throws Exception {
        EmailResult result = send(store("smtp_username", USER, "smtp_password", WRONG_PASSWORD), email());

        assertFalse(result.isSent());
        assertEquals(Failure.AUTHENTICATION, result.failure().orElseThrow());
        String reason = result.reason().orElseThrow();
        assertTrue(reason.contains("refused the login"), reason);
        assertFalse(reason.contains(WRONG_PASSWORD), reason);
        assertFalse(reason.contains(PASSWORD), reason);
        assertFalse(result.toString().contains(WRONG_PASSWORD), result.toString());
        assertEquals(0, SMTP.getReceivedMessages().length);
        // the capture works, so the password checks after each test mean something
        assertTrue(captured.toString(StandardCharsets.UTF_8).contains("payment link e-mail not sent (AUTHENTICATION)"));
    }

    @Test
    void serverDownIsAFailedResult() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        EmailResult result = send(store("smtp_port", closedPort, "smtp_username", USER, "smtp_password", PASSWORD),
                email());

        assertFalse(result.isSent());
        assertEquals(Failure.UNREACHABLE, result.failure().orElseThrow());
        String reason = result.reason().orElseThrow();
        assertTrue(reason.contains("127.0.0.1:" + closedPort), reason);
        assertFalse(reason.contains(PASSWORD), reason);
    }

    @Test
    void startTlsIsRequiredNotJustTried() throws Exception {
        // GreenMail's plain SMTP offers no STARTTLS: the login and the link must not go out in the clear
        EmailResult result = send(store("smtp_starttls", true, "smtp_username", USER, "smtp_password", PASSWORD),
                email());

        assertFalse(result.isSent());
        assertEquals(Failure.REFUSED, result.failure().orElseThrow());
        assertTrue(result.reason().orElseThrow().contains("STARTTLS"), result.reason().orElseThrow());
        assertEquals(0, SMTP.getReceivedMessages().length);
    }

    @Test
    void storeWithoutSmtpHostHasNoEmail() throws Exception {
        StoreSettings noSmtp = StoreSettings.from(TestStores.config(Map.of()));
        assertFalse(noSmtp.emailEnabled());
        assertFalse(LinkMailer.isAvailable(noSmtp));

        EmailResult result = send(noSmtp, email());

        assertFalse(result.isSent());
        assertEquals(Failure.NOT_CONFIGURED, result.failure().orElseThrow());
        assertEquals("e-mail delivery is not available for store 012: smtp.host is not set", result.reason().orElseThrow());
    }

    @Test
    void aTransientRefusalIsNotRetried() throws Exception {
        // a scripted server that takes the whole message and then answers 451: the customer may or may not get it
        // from a retry, so there is none
        AtomicInteger connections = new AtomicInteger();
        AtomicInteger messages = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            Thread smtp = new Thread(() -> scriptedSmtp(server, connections, messages), "scripted-smtp");
            smtp.setDaemon(true);
            smtp.start();

            EmailResult result = send(store("smtp_port", server.getLocalPort()), email());

            assertFalse(result.isSent());
            assertEquals(Failure.REFUSED, result.failure().orElseThrow());
            assertTrue(result.reason().orElseThrow().contains("451"), result.reason().orElseThrow());
            Thread.sleep(300);
            assertEquals(1, connections.get());
            assertEquals(1, messages.get());
        }
    }

    private static void scriptedSmtp(ServerSocket server, AtomicInteger connections, AtomicInteger messages) {
        while (!server.isClosed()) {
            try (Socket socket = server.accept();
                    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                    Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII)) {
                connections.incrementAndGet();
                socket.setSoTimeout(10_000);
                reply(out, "220 scripted ESMTP");
                String line;
                while ((line = in.readLine()) != null) {
                    String command = line.toUpperCase(java.util.Locale.ROOT);
                    if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                        reply(out, "250 scripted");
                    } else if (command.startsWith("MAIL") || command.startsWith("RCPT") || command.startsWith("RSET")
                            || command.startsWith("NOOP")) {
                        reply(out, "250 OK");
                    } else if (command.startsWith("DATA")) {
                        reply(out, "354 go ahead");
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            // the message
                        }
                        messages.incrementAndGet();
                        reply(out, "451 4.3.0 temporary failure, try again later");
                    } else if (command.startsWith("QUIT")) {
                        reply(out, "221 bye");
                        break;
                    } else {
                        reply(out, "502 not implemented");
                    }
                }
            } catch (java.io.IOException closed) {
                // the test is over, or the client hung up
            }
        }
    }

    private static void reply(Writer out, String line) throws java.io.IOException {
        out.write(line + "\r\n");
        out.flush();
    }

    /** Writes to the real stream and to the capture. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            synchronized (b) {
                b.write(c);
            }
        }

        @Override
        public void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            synchronized (b) {
                b.write(buf, off, len);
            }
        }

        @Override
        public void flush() throws java.io.IOException {
            a.flush();
        }
    }
}
