package org.tillpay.dintero.internal.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, so that a test can send what no HTTP client would: any method, a path or query with
 * malformed escapes, odd header values. Each request has its own connection ({@code Connection: close}).
 */
final class RawHttp {

    /**
     * What came back.
     *
     * @param status the status code of the status line, or -1 when there was none
     * @param text the whole response, head and body, as ISO-8859-1 text
     */
    record Answer(int status, String text) {

        /** @return the body: what follows the head */
        String body() {
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? "" : text.substring(end + 4);
        }
    }

    private RawHttp() {
    }

    /**
     * @param port the local port
     * @param method the method, as sent
     * @param target the request target (path and query), as sent
     * @param headers the headers, in order (no Host, Connection or Content-Length: those are added)
     * @param body the body, or null for none
     * @return the answer
     * @throws IOException when the connection failed
     */
    static Answer send(int port, String method, String target, List<Map.Entry<String, String>> headers, byte[] body)
            throws IOException {
        return send(port, method, target, headers, body, false);
    }

    /**
     * @param port the local port
     * @param method the method, as sent
     * @param target the request target (path and query), as sent
     * @param headers the headers, in order (no Host, Connection, Content-Length or Transfer-Encoding)
     * @param body the body, or null for none
     * @param chunked true to send the body as one chunk, without Content-Length
     * @return the answer
     * @throws IOException when the connection failed
     */
    static Answer send(int port, String method, String target, List<Map.Entry<String, String>> headers, byte[] body,
            boolean chunked) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder().append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\nConnection: close\r\n");
        for (Map.Entry<String, String> h : headers) {
            head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        if (body != null) {
            head.append(chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + body.length).append("\r\n");
        }
        head.append("\r\n");
        request.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        if (body != null && chunked) {
            request.writeBytes((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            request.writeBytes(body);
            request.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } else if (body != null) {
            request.writeBytes(body);
        }
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.toByteArray());
                out.flush();
            } catch (IOException e) {
                // the server may answer (413, 431) and close before the whole request was written: read its answer
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            try {
                in.transferTo(response);
            } catch (IOException e) {
                // a reset after the answer: keep what came
            }
            String text = response.toString(StandardCharsets.ISO_8859_1);
            return new Answer(status(text), text);
        }
    }

    private static int status(String text) {
        if (!text.startsWith("HTTP/1.1 ") || text.length() < 12) {
            return -1;
        }
        try {
            return Integer.parseInt(text.substring(9, 12));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
