package org.tillpay.dintero.emulator.internal;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The Insight report configurations and the generated reports under {@code <base>/api} (standing for
 * {@code https://api.dintero.com}, API.md &sect;10.2): {@code /v1/accounts/{aid}/insight/reports/configuration[/{id}]}
 * (scopes {@code admin:insight} or {@code write:insight}; reading also {@code read:insight}),
 * {@code /v1/accounts/{aid}/reports/metadata} ({@code read:reports} or {@code admin:reports}, as the spec's
 * {@code x-scopes}) and the reports' signed download {@code /v1/reports/signed/{token}} (no bearer token: the
 * unguessable token is the authorisation). The bearer token must be the path account's, else 403.
 */
final class InsightApi {

    private static final String CONFIGURATIONS_PATH = AccountApi.ACCOUNT + "/insight/reports/configuration";
    private static final Pattern CONFIGURATIONS = Pattern.compile(CONFIGURATIONS_PATH);
    private static final Pattern CONFIGURATION = Pattern.compile(CONFIGURATIONS_PATH + "/([^/]+)");
    private static final Pattern METADATA = Pattern.compile(AccountApi.ACCOUNT + "/reports/metadata");
    private static final Pattern SIGNED = Pattern.compile("/api" + InsightReports.SIGNED_PATH + "([^/]+)");

    private static final String[] WRITE = {"admin:insight", "write:insight"};
    private static final String[] READ = {"admin:insight", "write:insight", "read:insight"};
    private static final String[] REPORTS = {"read:reports", "admin:reports"};

    private InsightApi() {
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
        InsightReports reports = emulator.insight();
        InsightConfigurations configurations = reports.configurations();
        Matcher m;
        if ((m = CONFIGURATIONS.matcher(path)).matches()) {
            if ("POST".equals(method)) {
                Caller caller = caller(emulator, req, m, WRITE);
                DispatcherServlet.json(resp, 200, configurations.create(caller, req.getInputStream().readAllBytes()));
            } else {
                DispatcherServlet.allow(method, "GET", resp);
                DispatcherServlet.json(resp, 200, configurations.list(caller(emulator, req, m, READ).accountId()));
            }
        } else if ((m = CONFIGURATION.matcher(path)).matches()) {
            String id = m.group(2);
            switch (method) {
                case "PUT" -> DispatcherServlet.json(resp, 200, configurations.replace(
                        caller(emulator, req, m, WRITE).accountId(), id, req.getInputStream().readAllBytes()));
                case "DELETE" -> DispatcherServlet.json(resp, 200, configurations.delete(
                        caller(emulator, req, m, WRITE).accountId(), id));
                default -> {
                    DispatcherServlet.allow(method, "GET", resp);
                    DispatcherServlet.json(resp, 200, configurations.get(caller(emulator, req, m, READ).accountId(),
                            id));
                }
            }
        } else if ((m = METADATA.matcher(path)).matches()) {
            DispatcherServlet.allow(method, "GET", resp);
            DispatcherServlet.json(resp, 200, reports.page(caller(emulator, req, m, REPORTS).accountId(),
                    QueryString.parse(req.getQueryString())));
        } else if ((m = SIGNED.matcher(path)).matches()) {
            DispatcherServlet.allow(method, "GET", resp);
            InsightReports.Report file = reports.download(m.group(1));
            resp.setStatus(200);
            resp.setContentType(file.servedType());
            resp.setHeader("Content-Disposition", "attachment; filename=\"" + file.fileName() + "\"");
            resp.setHeader("Cache-Control", "no-store");
            resp.setContentLength(file.bytes().length);
            resp.getOutputStream().write(file.bytes());
        } else {
            return false;
        }
        return true;
    }

    /** The path account's caller, holding one of the scopes. */
    private static Caller caller(Emulator emulator, HttpServletRequest req, Matcher m, String... scopes) {
        Caller caller = AccountApi.caller(emulator, req, m);
        caller.requireScope(scopes);
        return caller;
    }
}
