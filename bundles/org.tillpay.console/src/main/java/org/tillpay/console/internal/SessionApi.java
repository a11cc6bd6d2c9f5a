package org.tillpay.console.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code /api/v1/session}: logging in and out of the browser pages, and who is logged in; and reading HTTP Basic
 * credentials for hosts. A refused login says only that it was refused, and is logged without the password.
 */
final class SessionApi {

    private static final Logger LOG = LoggerFactory.getLogger(SessionApi.class);

    private final RealmLogin realm;
    private final ConsoleSessions sessions;

    SessionApi(RealmLogin realm, ConsoleSessions sessions) {
        this.realm = realm;
        this.sessions = sessions;
    }

    void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        switch (req.getMethod()) {
            case "POST" -> login(req, resp);
            case "GET" -> {
                ConsoleSessions.Session s = current(req);
                new Exchange(req, resp, s.user(), new String[0]).json(200, view(s));
            }
            case "DELETE" -> {
                ConsoleSessions.Session s = current(req);
                if (!s.csrfMatches(req.getHeader(ConsoleServlet.CSRF_HEADER))) {
                    throw new ApiException(ApiException.Type.CSRF, "send the session's csrfToken in "
                            + ConsoleServlet.CSRF_HEADER);
                }
                sessions.end(s);
                setCookie(req, resp, "", 0);
                resp.setStatus(204);
                LOG.info("console: {} logged out", s.user().name());
            }
            default -> throw new ApiException(ApiException.Type.METHOD_NOT_ALLOWED, "POST, GET or DELETE");
        }
    }

    private void login(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        JsonNode body = new Exchange(req, resp, new ConsoleUser("-", java.util.Set.of()), new String[0]).body();
        String name = body.path("username").asText("");
        char[] password = body.path("password").asText("").toCharArray();
        Optional<ConsoleUser> user = realm.login(name, password);
        java.util.Arrays.fill(password, '\0');
        if (user.isEmpty()) {
            LOG.warn("console: login of '{}' from {} refused", name, req.getRemoteAddr());
            throw new ApiException(ApiException.Type.UNAUTHENTICATED, "wrong user name or password");
        }
        if (user.get().roles().isEmpty()) {
            LOG.warn("console: login of '{}' refused: none of the roles cashier, manager, admin", name);
            throw new ApiException(ApiException.Type.FORBIDDEN, name + " has none of the console's roles (cashier,"
                    + " manager, admin)");
        }
        ConsoleSessions.Session s = sessions.start(user.get());
        setCookie(req, resp, s.id(), -1);
        LOG.info("console: {} logged in ({})", name, user.get().roles());
        new Exchange(req, resp, s.user(), new String[0]).json(200, view(s));
    }

    private ConsoleSessions.Session current(HttpServletRequest req) {
        return sessions.find(cookie(req)).orElseThrow(() -> new ApiException(ApiException.Type.UNAUTHENTICATED,
                "not logged in"));
    }

    private static ObjectNode view(ConsoleSessions.Session s) {
        ObjectNode o = ConsoleJson.MAPPER.createObjectNode();
        o.put("username", s.user().name());
        s.user().roles().stream().sorted().forEach(r -> o.withArray("roles").add(r.realmName()));
        o.put("csrfToken", s.csrfToken());
        return o;
    }

    /** Sets the session cookie: HttpOnly, SameSite=Strict, the console's path, Secure over HTTPS. */
    private static void setCookie(HttpServletRequest req, HttpServletResponse resp, String value, int maxAge) {
        resp.addHeader("Set-Cookie", ConsoleServlet.COOKIE + "=" + value + "; Path=/tillpay/console; HttpOnly;"
                + " SameSite=Strict" + (req.isSecure() ? "; Secure" : "") + (maxAge >= 0 ? "; Max-Age=" + maxAge : ""));
    }

    /** @return the session cookie's value, or null */
    static String cookie(HttpServletRequest req) {
        if (req.getCookies() == null) {
            return null;
        }
        for (Cookie c : req.getCookies()) {
            if (ConsoleServlet.COOKIE.equals(c.getName())) {
                return c.getValue();
            }
        }
        return null;
    }

    /**
     * @return the user of a request with valid HTTP Basic credentials; empty without them
     * @throws ApiException 401 when credentials are sent but refused
     */
    static Optional<ConsoleUser> basic(HttpServletRequest req, RealmLogin realm) {
        String header = req.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ApiException.Type.UNAUTHENTICATED, "malformed Basic credentials");
        }
        int colon = decoded.indexOf(':');
        if (colon < 1) {
            throw new ApiException(ApiException.Type.UNAUTHENTICATED, "malformed Basic credentials");
        }
        char[] password = decoded.substring(colon + 1).toCharArray();
        Optional<ConsoleUser> user = realm.login(decoded.substring(0, colon), password);
        java.util.Arrays.fill(password, '\0');
        if (user.isEmpty()) {
            LOG.warn("console: Basic credentials of '{}' from {} refused", decoded.substring(0, colon),
                    req.getRemoteAddr());
            throw new ApiException(ApiException.Type.UNAUTHENTICATED, "wrong user name or password");
        }
        return user;
    }
}
