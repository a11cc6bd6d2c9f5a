package org.tillpay.itests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A real SMTP server (GreenMail) for the e-mailed payment links. It runs in the test JVM, started while Pax Exam
 * builds the container's configuration; the test inside Karaf reads the mailbox over POP3 with {@link #retrieveAll}.
 * Only {@link #start()} touches GreenMail, so the probe never loads its classes inside Karaf.
 */
final class MailServer {

    private static int[] ports;

    private MailServer() {
    }

    /** Starts GreenMail once for the test JVM. @return {smtp port, pop3 port} */
    static synchronized int[] start(int smtpPort, int pop3Port) {
        if (ports == null) {
            GreenMail mail = new GreenMail(new ServerSetup[] {new ServerSetup(smtpPort, "127.0.0.1", "smtp"),
                new ServerSetup(pop3Port, "127.0.0.1", "pop3")});
            mail.start();
            ports = new int[] {smtpPort, pop3Port};
        }
        return ports;
    }

    /**
     * Reads every message of a mailbox over POP3 (GreenMail's users log in with their address as name and password).
     *
     * @return the raw messages, concatenated
     */
    static String retrieveAll(int pop3Port, String address) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", pop3Port)) {
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            expectOk(in.readLine());
            command(out, in, "USER " + address);
            command(out, in, "PASS " + address);
            String stat = command(out, in, "STAT");
            int count = Integer.parseInt(stat.split(" ")[1]);
            StringBuilder all = new StringBuilder();
            for (int i = 1; i <= count; i++) {
                command(out, in, "RETR " + i);
                for (String line = in.readLine(); line != null && !line.equals("."); line = in.readLine()) {
                    all.append(line.startsWith("..") ? line.substring(1) : line).append('\n');
                }
            }
            command(out, in, "QUIT");
            return all.toString();
        }
    }

    private static String command(OutputStream out, BufferedReader in, String command) throws IOException {
        out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return expectOk(in.readLine());
    }

    private static String expectOk(String line) throws IOException {
        if (line == null || !line.startsWith("+OK")) {
            throw new IOException("POP3 said " + line);
        }
        return line;
    }
}
