package org.tillpay.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * A pass-through to the emulator's checkout API that keeps a copy of the first {@code POST /v1/sessions-profile}
 * (body and Dintero headers) a probe store sends through it. The raw-HttpClient baseline replays exactly those bytes,
 * so the comparison holds whatever the session mapper puts in the body.
 */
final class CapturingProxy extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String target;
    private volatile byte[] body;
    private final Map<String, String> headers = Collections.synchronizedMap(new LinkedHashMap<>());

    /** @param target the emulator's checkout base URL */
    CapturingProxy(String target) {
        this.target = target;
    }

    /** @return the first session body seen */
    byte[] sessionBody() {
        if (body == null) {
            throw new IllegalStateException("no POST /v1/sessions-profile went through the capturing proxy");
        }
        return body.clone();
    }

    /** @return the Dintero-* and content headers sent with it (not Authorization) */
    Map<String, String> sessionHeaders() {
        return Map.copyOf(headers);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        byte[] in = req.getInputStream().readAllBytes();
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        boolean session = "POST".equals(req.getMethod()) && path.equals("/v1/sessions-profile");
        String url = target + path + (req.getQueryString() == null ? "" : "?" + req.getQueryString());
        HttpRequest.Builder out = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(req.getMethod(), in.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(in));
        for (String name : Collections.list(req.getHeaderNames())) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("dintero-") || lower.equals("content-type") || lower.equals("accept")
                    || lower.equals("authorization")) {
                out.header(name, req.getHeader(name));
                if (session && body == null && !lower.equals("authorization")) {
                    headers.put(name, req.getHeader(name));
                }
            }
        }
        if (session && body == null) {
            body = in;
        }
        try {
            HttpResponse<byte[]> answer = http.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
            resp.setStatus(answer.statusCode());
            answer.headers().firstValue("Content-Type").ifPresent(resp::setContentType);
            resp.getOutputStream().write(answer.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            resp.sendError(502);
        }
    }
}
