package org.tillpay.dintero.emulator.internal;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The account-scoped endpoints under {@code <base>/api} (standing for {@code https://api.dintero.com}): settlements
 * and their attachments (API.md &sect;10.1) and hook subscriptions (&sect;8). The bearer token must be the path
 * account's, else 403.
 */
final class AccountApi {

    static final String ACCOUNT = "/api/v1/accounts/([^/]+)";
    private static final Pattern SETTLEMENTS = Pattern.compile(ACCOUNT + "/settlements");
    private static final Pattern ATTACHMENT = Pattern.compile(ACCOUNT
            + "/settlements/([^/]+)/attachments/([^/]+)");
    private static final Pattern SUBSCRIPTIONS = Pattern.compile(ACCOUNT + "/hooks/subscriptions");
    private static final Pattern SUBSCRIPTION = Pattern.compile(ACCOUNT + "/hooks/subscriptions/([^/]+)");
    private static final Pattern PING = Pattern.compile(ACCOUNT + "/hooks/subscriptions/([^/]+)/ping");

    private AccountApi() {
    }

    /**
     * Serves a request when its path is one of these endpoints.
     *
     * @param emulator the core
     * @param path the path below the base
     * @param req the request
     * @param resp the response
     * @return false when the path is not one of these endpoints (nothing written)
     * @throws ApiException for 4xx answers
     * @throws IOException on I/O errors
     */
    static boolean serve(Emulator emulator, String path, HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
        String method = req.getMethod();
        Matcher m;
        if ((m = SETTLEMENTS.matcher(path)).matches()) {
            DispatcherServlet.allow(method, "GET", resp);
            DispatcherServlet.json(resp, 200, emulator.settlementBook().list(account(emulator, req, m),
                    QueryString.parse(req.getQueryString())));
        } else if ((m = ATTACHMENT.matcher(path)).matches()) {
            DispatcherServlet.allow(method, "GET", resp);
            SettlementReports.Attachment file = emulator.settlementBook().attachment(account(emulator, req, m),
                    m.group(2), m.group(3));
            resp.setStatus(200);
            resp.setContentType(file.contentType());
            resp.setHeader("Content-Disposition", "attachment; filename=\"" + file.filename() + "\"");
            resp.setHeader("Cache-Control", "no-store");
            resp.setContentLength(file.bytes().length);
            resp.getOutputStream().write(file.bytes());
        } else if ((m = SUBSCRIPTIONS.matcher(path)).matches()) {
            if ("POST".equals(method)) {
                DispatcherServlet.json(resp, 200, emulator.hooks().create(account(emulator, req, m),
                        req.getInputStream().readAllBytes()));
            } else {
                DispatcherServlet.allow(method, "GET", resp);
                DispatcherServlet.json(resp, 200, emulator.hooks().list(account(emulator, req, m)));
            }
        } else if ((m = PING.matcher(path)).matches()) {
            DispatcherServlet.allow(method, "POST", resp);
            ObjectNode answer = Json.object();
            answer.put("event", "ping");
            answer.put("event_delivery", emulator.hooks().ping(account(emulator, req, m), m.group(2)));
            DispatcherServlet.json(resp, 202, answer);
        } else if ((m = SUBSCRIPTION.matcher(path)).matches()) {
            if ("DELETE".equals(method)) {
                emulator.hooks().delete(account(emulator, req, m), m.group(2));
                resp.setStatus(204);
            } else {
                DispatcherServlet.allow(method, "GET", resp);
                DispatcherServlet.json(resp, 200, emulator.hooks().get(account(emulator, req, m), m.group(2)));
            }
        } else {
            return false;
        }
        return true;
    }

    /** Authenticates and checks that the token is the path account's. */
    private static String account(Emulator emulator, HttpServletRequest req, Matcher m) {
        return caller(emulator, req, m).accountId();
    }

    /**
     * Authenticates and checks that the token is the path account's ({@code m.group(1)}).
     *
     * @param emulator the core
     * @param req the request
     * @param m the path match, the account id as group 1
     * @return the caller
     * @throws ApiException 401 without a valid token, 403 for another account's
     */
    static Caller caller(Emulator emulator, HttpServletRequest req, Matcher m) {
        Caller caller = emulator.authenticate(req.getHeader("Authorization"));
        String accountId = m.group(1);
        if (!caller.accountId().equals(accountId)) {
            throw new ApiException(403, "FORBIDDEN", "the access token is not valid for account " + accountId);
        }
        return caller;
    }
}
