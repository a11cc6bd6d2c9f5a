package org.tillpay.dintero.emulator.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The Partner API routes (API.md &sect;11), none of them in the payments spec: under {@code <base>/api}
 * {@code /v1/accounts/{aid}/auth/exchange_token}, {@code .../management/settings}, {@code .../management/accounts},
 * {@code .../auth/clients[/{id}[/rotate-secret]]} and {@code .../auth/client-grants[/{id}]}; under both
 * {@code <base>/checkout} and {@code <base>/api} (the partner guide names either host)
 * {@code /v1/admin/session/profiles[/{profile_id}]}. Except for the exchange, the bearer token must be the path
 * account's (403 otherwise); profiles belong to the token's account.
 */
final class PartnerApi {

    private static final Pattern EXCHANGE = Pattern.compile(AccountApi.ACCOUNT + "/auth/exchange_token");
    private static final Pattern SETTINGS = Pattern.compile(AccountApi.ACCOUNT + "/management/settings");
    private static final Pattern MERCHANTS = Pattern.compile(AccountApi.ACCOUNT + "/management/accounts");
    private static final Pattern CLIENTS = Pattern.compile(AccountApi.ACCOUNT + "/auth/clients");
    private static final Pattern CLIENT = Pattern.compile(AccountApi.ACCOUNT + "/auth/clients/([^/]+)");
    private static final Pattern ROTATE = Pattern.compile(AccountApi.ACCOUNT + "/auth/clients/([^/]+)/rotate-secret");
    private static final Pattern GRANTS = Pattern.compile(AccountApi.ACCOUNT + "/auth/client-grants");
    private static final Pattern GRANT = Pattern.compile(AccountApi.ACCOUNT + "/auth/client-grants/([^/]+)");
    private static final Pattern PROFILES = Pattern.compile("/(?:api|checkout)/v1/admin/session/profiles");
    private static final Pattern SIGNATURE = Pattern.compile("/(?:api|checkout)/v1/admin/signature");
    private static final Pattern PROFILE = Pattern.compile("/(?:api|checkout)/v1/admin/session/profiles/([^/]+)");

    private PartnerApi() {
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
        ApiClients clients = emulator.apiClients();
        Matcher m;
        if ((m = EXCHANGE.matcher(path)).matches()) {
            DispatcherServlet.allow(method, "POST", resp);
            DispatcherServlet.json(resp, 200, emulator.exchangeToken(m.group(1), req.getHeader("Authorization"),
                    body(req)));
        } else if ((m = SETTINGS.matcher(path)).matches()) {
            DispatcherServlet.allow(method, "GET", resp);
            DispatcherServlet.json(resp, 200, emulator.settings(account(emulator, req, m)));
        } else if ((m = MERCHANTS.matcher(path)).matches()) {
            DispatcherServlet.allow(method, "GET", resp);
            DispatcherServlet.json(resp, 200, emulator.merchants(account(emulator, req, m)));
        } else if ((m = CLIENTS.matcher(path)).matches()) {
            if ("POST".equals(method)) {
                DispatcherServlet.json(resp, 200, clients.create(account(emulator, req, m), body(req)));
            } else {
                DispatcherServlet.allow(method, "GET", resp);
                DispatcherServlet.json(resp, 200, clients.list(account(emulator, req, m)));
            }
        } else if ((m = ROTATE.matcher(path)).matches()) {
            DispatcherServlet.allow(method, "POST", resp);
            DispatcherServlet.json(resp, 200, clients.rotate(account(emulator, req, m), m.group(2)));
        } else if ((m = CLIENT.matcher(path)).matches()) {
            if ("DELETE".equals(method)) {
                DispatcherServlet.json(resp, 200, emulator.deleteClient(account(emulator, req, m), m.group(2)));
            } else {
                DispatcherServlet.allow(method, "GET", resp);
                DispatcherServlet.json(resp, 200, clients.get(account(emulator, req, m), m.group(2)));
            }
        } else if ((m = GRANTS.matcher(path)).matches()) {
            if ("POST".equals(method)) {
                DispatcherServlet.json(resp, 200, clients.grant(account(emulator, req, m), body(req)));
            } else {
                DispatcherServlet.allow(method, "GET", resp);
                List<Map.Entry<String, String>> query = QueryString.parse(req.getQueryString());
                DispatcherServlet.json(resp, 200, clients.grants(account(emulator, req, m),
                        QueryString.value(query, "client_id"), QueryString.value(query, "audience")));
            }
        } else if ((m = GRANT.matcher(path)).matches()) {
            DispatcherServlet.allow(method, "DELETE", resp);
            DispatcherServlet.json(resp, 200, clients.deleteGrant(account(emulator, req, m), m.group(2)));
        } else if (SIGNATURE.matcher(path).matches()) {
            Caller caller = emulator.authenticate(req.getHeader("Authorization"));
            CallbackSignatures signatures = new CallbackSignatures(emulator.accounts(), emulator.clock());
            if ("POST".equals(method)) {
                DispatcherServlet.json(resp, 200, signatures.create(caller.accountId(), caller.clientId()));
            } else {
                DispatcherServlet.allow(method, "GET", resp);
                DispatcherServlet.json(resp, 200, signatures.read(caller.accountId()));
            }
        } else if (PROFILES.matcher(path).matches()) {
            Caller caller = emulator.authenticate(req.getHeader("Authorization"));
            if ("POST".equals(method)) {
                DispatcherServlet.json(resp, 200, emulator.profiles().create(caller.accountId(), caller.clientId(),
                        body(req)));
            } else {
                DispatcherServlet.allow(method, "GET", resp);
                DispatcherServlet.json(resp, 200, emulator.profiles().list(caller.accountId(),
                        QueryString.parse(req.getQueryString())));
            }
        } else if ((m = PROFILE.matcher(path)).matches()) {
            String account = emulator.authenticate(req.getHeader("Authorization")).accountId();
            SessionProfiles profiles = emulator.profiles();
            switch (method) {
                case "PUT" -> DispatcherServlet.json(resp, 200, profiles.replace(account, m.group(1), body(req)));
                case "DELETE" -> DispatcherServlet.json(resp, 200, profiles.delete(account, m.group(1)));
                default -> {
                    DispatcherServlet.allow(method, "GET", resp);
                    DispatcherServlet.json(resp, 200, profiles.get(account, m.group(1)));
                }
            }
        } else {
            return false;
        }
        return true;
    }

    private static String account(Emulator emulator, HttpServletRequest req, Matcher m) {
        return AccountApi.caller(emulator, req, m).accountId();
    }

    private static byte[] body(HttpServletRequest req) throws IOException {
        return req.getInputStream().readAllBytes();
    }
}
