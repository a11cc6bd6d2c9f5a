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
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code /api/v1/session}: logging in and out of the browser pages, and who is logged in; and reading HTTP Basic
 * credentials for hosts. Both go through {@link ConsoleLogin}, which throttles failed logins. A refused login says
 * only that it was refused, and is logged without the password.
 */
final class SessionApi {

    private static final Logger LOG = LoggerFactory.getLogger(SessionApi.class);

    private final ConsoleLogin logins;
    private final ConsoleSessions sessions;

    SessionApi(ConsoleLogin logins, ConsoleSessions sessions) {
        this.logins = logins;
        this.sessions = sessions;
    }

    /** {@code POST /session}: anybody may try; refused names are counted by the throttle. */
    void login(Exchange x) throws IOException {
        JsonNode body = x.body();
        String name = body.path("username").asText("");
        char[] password = body.path("password").asText("").toCharArray();
        Optional<ConsoleUser> user;
        try {
            user = logins.login(name, password, x.req.getRemoteAddr());
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
        if (user.isEmpty()) {
            LOG.warn("console: login of '{}' from {} refused", name, x.req.getRemoteAddr());
            throw new ApiException(ApiException.Type.UNAUTHENTICATED, "wrong user name or password");
        }
        if (user.get().roles().isEmpty()) {
            LOG.warn("console: login of '{}' refused: none of the roles cashier, manager, admin", name);
            throw new ApiException(ApiException.Type.FORBIDDEN, name + " has none of the console's roles (cashier,"
                    + " manager, admin)");
        }
        ConsoleSessions.Session s = sessions.start(user.get());
        setCookie(x.req, x.resp, s.id(), -1);
        LOG.info("console: {} logged in ({})", name, user.get().roles());
        x.json(200, view(s.user(), s));
    }

    /** {@code GET /session}: who is calling; the CSRF token when by session. */
    void whoAmI(Exchange x) throws IOException {
        x.json(200, view(x.user, x.session));
    }

    /** {@code DELETE /session}: ends the session the request came with (its CSRF token was checked); 204. */
    void logout(Exchange x) {
        if (x.session != null) {
            sessions.end(x.session);
            LOG.info("console: {} logged out", x.user.name());
        }
        setCookie(x.req, x.resp, "", 0);
        x.resp.setStatus(204);
    }

    /** @return the session of the request's cookie, if it is live */
    Optional<ConsoleSessions.Session> current(HttpServletRequest req) {
        return sessions.find(cookie(req));
    }

    private static ObjectNode view(ConsoleUser user, ConsoleSessions.Session s) {
        ObjectNode o = ConsoleJson.MAPPER.createObjectNode();
        o.put("username", user.name());
        ArrayNode roles = o.putArray("roles");
        user.roles().stream().sorted().forEach(r -> roles.add(r.realmName()));
        if (s != null) {
            o.put("csrfToken", s.csrfToken());
        }
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
    Optional<ConsoleUser> basic(HttpServletRequest req) {
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
        Optional<ConsoleUser> user;
        try {
            user = logins.login(decoded.substring(0, colon), password, req.getRemoteAddr());
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
        if (user.isEmpty()) {
            LOG.warn("console: Basic credentials of '{}' from {} refused", decoded.substring(0, colon),
                    req.getRemoteAddr());
            throw new ApiException(ApiException.Type.UNAUTHENTICATED, "wrong user name or password");
        }
        return user;
    }
}
