package org.tillpay.dintero.emulator.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ReadListener;
import javax.servlet.ServletException;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;

import org.tillpay.dintero.emulator.internal.HeldResponse;
import org.tillpay.dintero.emulator.internal.HttpFaults;

/**
 * Servlet filter that validates every request the emulator receives and every response it returns on spec paths
 * against {@link ContractValidator}, and hands violations to a sink before the response is released to the client. {@code <base>/checkout/v1/...} and
 * {@code <base>/api/v1/...} map to the spec's {@code /v1/...}; the hosted page ({@code /v1/view/...}), the hook
 * subscriptions, the Insight configurations, the signed report downloads and the Partner API ({@link #NOT_IN_SPEC})
 * are not in the spec and are skipped. Answers made up by an injected fault ({@link HttpFaults#FAULT_ATTRIBUTE}: a 5xx
 * or 429 in Dintero's place, or a connection closed without an answer) are not Dintero's either: their requests are
 * validated, their answers are not.
 */
public final class ContractFilter implements Filter {

    /** Receives violations. */
    @FunctionalInterface
    public interface Sink {
        /** @param violations the violations of one exchange, never empty */
        void accept(List<ContractViolation> violations);
    }

    private final String basePath;
    private final ContractValidator validator;
    private final Sink sink;

    /**
     * @param basePath the emulator's base path, for example {@code /dintero-emulator}
     * @param validator the validator
     * @param sink where violations go
     */
    public ContractFilter(String basePath, ContractValidator validator, Sink sink) {
        this.basePath = basePath;
        this.validator = validator;
        this.sink = sink;
    }

    /**
     * Maps an emulator request path to the spec path.
     *
     * @param basePath the emulator's base path
     * @param requestPath the request path, for example {@code /dintero-emulator/checkout/v1/sessions-profile}
     * @return the spec path ({@code /v1/sessions-profile}), or empty when the path is not covered by the spec
     */
    public static Optional<String> specPath(String basePath, String requestPath) {
        for (String host : List.of("/checkout", "/api")) {
            String prefix = basePath + host;
            if (requestPath.startsWith(prefix + "/v1/") && !requestPath.startsWith(prefix + "/v1/view/")) {
                String path = requestPath.substring(prefix.length());
                return NOT_IN_SPEC.matcher(path).matches() ? Optional.empty() : Optional.of(path);
            }
        }
        return Optional.empty();
    }

    /**
     * Paths the emulator serves that the payments spec does not describe: the Hooks API (API.md &sect;8; its
     * {@code spec-webhooks.yaml} is not available, see {@code specs/README.md}), the Insight API (&sect;10.2, no
     * {@code spec-insight.yaml} either), the reports' signed downloads (S3 pre-signed URLs at Dintero, no API at
     * all) and the Partner API (&sect;11: exchange token, API clients, client grants, management settings and
     * accounts, payment profiles; the payments spec has only {@code auth/token} and {@code sessions-profile} of it).
     * The module README documents their shapes instead.
     */
    static final java.util.regex.Pattern NOT_IN_SPEC = java.util.regex.Pattern.compile(
            "/v1/accounts/[^/]+/(hooks|insight)/.*|/v1/reports/signed/.*"
            + "|/v1/accounts/[^/]+/auth/(exchange_token|clients(/.*)?|client-grants(/.*)?)"
            + "|/v1/accounts/[^/]+/management/(settings|accounts)|/v1/admin/session/profiles(/.*)?|/v1/admin/signature");

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        Optional<String> specPath = specPath(basePath, req.getRequestURI());
        if (specPath.isEmpty() || !validator.enabled()) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = req.getInputStream().readAllBytes();
        HeldResponse buffering = new HeldResponse((HttpServletResponse) response);
        chain.doFilter(new Cached(req, body), buffering);
        byte[] responseBody = buffering.body();
        Map<String, List<String>> requestHeaders = new LinkedHashMap<>();
        for (String name : Collections.list(req.getHeaderNames())) {
            requestHeaders.put(name, Collections.list(req.getHeaders(name)));
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (req.getQueryString() != null) {
            for (String part : req.getQueryString().split("&")) {
                int eq = part.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
                query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
        List<ContractViolation> violations = new ArrayList<>(validator.validateRequest(req.getMethod(),
                specPath.get(), query, requestHeaders, new String(body, StandardCharsets.UTF_8)));
        HttpServletResponse resp = (HttpServletResponse) response;
        Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
        for (String name : resp.getHeaderNames()) {
            responseHeaders.put(name, List.copyOf(resp.getHeaders(name)));
        }
        if (resp.getContentType() != null) {
            responseHeaders.put("Content-Type", List.of(resp.getContentType()));
        }
        // An answer made up by an injected fault (an error, or none at all) is not Dintero's: only the request is
        // checked. Latency and late answers are the emulator's own and are checked as usual.
        boolean injected = req.getAttribute(HttpFaults.FAULT_ATTRIBUTE) != null;
        if (!injected && !lostByProxy(resp.getStatus(), responseBody)
                && !fileDownload(specPath.get(), resp.getStatus())) {
            violations.addAll(validator.validateResponse(req.getMethod(), specPath.get(), resp.getStatus(),
                    responseHeaders, new String(responseBody, StandardCharsets.UTF_8)));
        }
        if (!violations.isEmpty()) {
            sink.accept(violations);
        }
        if (req.getAttribute(HttpFaults.ABORTED_ATTRIBUTE) != null) {
            return; // the connection is closed: there is no client to answer
        }
        // Only now does the client get the response, so a test never sees it before its violations are recorded.
        buffering.release();
    }

    /**
     * Whether a response stands for an answer lost between Dintero and the client: a 504 with an empty body, which a
     * proxy sends when it times out ({@code DinteroEmulator#loseNextOperationResponse},
     * {@code DinteroEmulator#loseNextSessionResponse}). It never comes from Dintero's API, so it is not checked against
     * the spec (the request still is).
     *
     * @param status the response status
     * @param body the response body
     * @return true for such a response
     */
    static boolean lostByProxy(int status, byte[] body) {
        return status == 504 && body.length == 0;
    }

    /**
     * Whether a response is a settlement attachment's file ({@code settlement_attachment_download}, 200). The spec
     * declares it as {@code application/json} with a {@code string}/{@code binary} schema, the usual rendering of "a
     * file" by Dintero's generator; the emulator serves each file with its own type ({@code text/csv},
     * {@code application/json}), so the body is not checked against that schema (the request and error answers
     * still are).
     *
     * @param specPath the spec path
     * @param status the response status
     * @return true for a downloaded file
     */
    static boolean fileDownload(String specPath, int status) {
        return status == 200 && ATTACHMENT.matcher(specPath).matches();
    }

    private static final java.util.regex.Pattern ATTACHMENT = java.util.regex.Pattern.compile(
            "/v1/accounts/[^/]+/settlements/[^/]+/attachments/[^/]+");

    /** Replays a body already read. */
    private static final class Cached extends HttpServletRequestWrapper {
        private final byte[] body;

        Cached(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
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
                    throw new UnsupportedOperationException("blocking only");
                }
            };
        }
    }
}
