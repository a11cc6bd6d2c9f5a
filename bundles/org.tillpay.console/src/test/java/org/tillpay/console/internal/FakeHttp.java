package org.tillpay.console.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Requests and responses for the servlet without a servlet container: only what the console reads and writes; any
 * other servlet method fails the test, so that a test never passes on a default it did not mean.
 */
final class FakeHttp {

    private FakeHttp() {
    }

    /** A request to build. */
    static final class Request {
        String method = "GET";
        String pathInfo;
        String contentType;
        byte[] body = new byte[0];
        /** False sends the body without {@code Content-Length} ({@code Transfer-Encoding: chunked}). */
        boolean sendLength = true;
        final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        String cookie;
        String remoteAddr = "192.0.2.1";

        Request(String method, String pathInfo) {
            this.method = method;
            this.pathInfo = pathInfo;
        }

        Request basic(String user, String password) {
            headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8)));
            return this;
        }

        Request json(String text) {
            return body("application/json", text.getBytes(StandardCharsets.UTF_8));
        }

        Request body(String type, byte[] bytes) {
            contentType = type;
            body = bytes;
            return this;
        }

        HttpServletRequest proxy() {
            if (!sendLength) {
                headers.put("Transfer-Encoding", "chunked");
            }
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            ServletInputStream stream = new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }
            };
            return (HttpServletRequest) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (p, m, args) -> switch (m.getName()) {
                        case "getMethod" -> method;
                        case "getPathInfo" -> pathInfo;
                        case "getContentType" -> contentType;
                        case "getContentLengthLong" -> sendLength ? (long) body.length : -1L;
                        case "getContentLength" -> sendLength ? body.length : -1;
                        case "getHeader" -> headers.get((String) args[0]);
                        case "getCookies" -> cookie == null ? null
                                : new Cookie[] {new Cookie(ConsoleServlet.COOKIE, cookie)};
                        case "getRemoteAddr" -> remoteAddr;
                        case "getInputStream" -> stream;
                        case "isSecure" -> false;
                        case "getParameter" -> null;
                        case "toString" -> method + " " + pathInfo;
                        default -> throw new UnsupportedOperationException("request." + m.getName());
                    });
        }
    }

    /** What the servlet answered. */
    static final class Response {
        int status = 200;
        final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        HttpServletResponse proxy() {
            ServletOutputStream stream = new ServletOutputStream() {
                @Override
                public void write(int b) {
                    body.write(b);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new UnsupportedOperationException();
                }
            };
            return (HttpServletResponse) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (p, m, args) -> switch (m.getName()) {
                        case "setStatus" -> {
                            status = (int) args[0];
                            yield null;
                        }
                        case "setContentType" -> {
                            headers.put("Content-Type", (String) args[0]);
                            yield null;
                        }
                        case "setHeader", "addHeader" -> {
                            headers.merge((String) args[0], (String) args[1], (a, b) -> a + "\n" + b);
                            yield null;
                        }
                        case "setCharacterEncoding", "setContentLength", "setContentLengthLong" -> null;
                        case "getOutputStream" -> stream;
                        case "isCommitted" -> false;
                        case "toString" -> "response " + status;
                        default -> throw new UnsupportedOperationException("response." + m.getName());
                    });
        }

        String text() {
            return body.toString(StandardCharsets.UTF_8);
        }

        /** @return the problem details' {@code type}, its last path segment ({@code forbidden}, ...) */
        String problemType() throws Exception {
            JsonNode p = ConsoleJson.MAPPER.readTree(text());
            String type = p.path("type").asText();
            return type.substring(type.lastIndexOf('/') + 1);
        }

        Map<String, String> headers() {
            return new LinkedHashMap<>(headers);
        }
    }
}
