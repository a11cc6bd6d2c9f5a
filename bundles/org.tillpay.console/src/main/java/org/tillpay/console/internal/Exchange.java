package org.tillpay.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One API request: who asks, reading the JSON body and writing the answer. */
final class Exchange {

    final HttpServletRequest req;
    final HttpServletResponse resp;
    final ConsoleUser user;
    /** The browser session the request was authenticated by; null for HTTP Basic and logging in. */
    final ConsoleSessions.Session session;
    private final RequestLimits limits;

    Exchange(HttpServletRequest req, HttpServletResponse resp, ConsoleUser user, ConsoleSessions.Session session,
            RequestLimits limits) {
        this.req = req;
        this.resp = resp;
        this.user = user;
        this.session = session;
        this.limits = limits;
    }

    /** @throws ApiException (403) unless the user's role includes {@code needed} */
    void require(Role needed) {
        if (!user.may(needed)) {
            throw new ApiException(ApiException.Type.FORBIDDEN, "this needs the " + needed.realmName() + " role; "
                    + user.name() + " has " + (user.roles().isEmpty() ? "none of the console's roles"
                            : user.roles().stream().map(Role::realmName).toList()));
        }
    }

    /**
     * @return the JSON body, an object; a missing body is an empty object
     * @throws ApiException 415 unless JSON, 413 when larger than allowed (counted as it is read), 400 when not a JSON
     *         object
     */
    JsonNode body() throws IOException {
        RequestLimits.requireJson(req.getContentType());
        byte[] bytes;
        try (InputStream in = req.getInputStream()) {
            bytes = in.readNBytes(limits.maxBodyBytes() + 1);
        }
        if (bytes.length > limits.maxBodyBytes()) {
            throw limits.tooLarge();
        }
        if (bytes.length == 0) {
            return ConsoleJson.MAPPER.createObjectNode();
        }
        try {
            JsonNode body = ConsoleJson.MAPPER.readTree(bytes);
            if (body == null || !body.isObject()) {
                throw new ApiException(ApiException.Type.INVALID_REQUEST, "the body must be a JSON object");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw new ApiException(ApiException.Type.INVALID_REQUEST, "the body is not JSON: "
                    + e.getOriginalMessage());
        }
    }

    /** Writes a JSON answer. */
    void json(int status, JsonNode body) throws IOException {
        write(resp, status, "application/json", body);
    }

    /** Writes problem details for the refusal. */
    static void problem(HttpServletResponse resp, ApiException e) throws IOException {
        ObjectNode p = ConsoleJson.MAPPER.createObjectNode();
        p.put("type", e.type().uri());
        p.put("title", e.type().title);
        p.put("status", e.type().status);
        if (e.getMessage() != null) {
            p.put("detail", e.getMessage());
        }
        if (e.field() != null) {
            p.put("field", e.field());
        }
        e.headers().forEach(resp::setHeader);
        write(resp, e.type().status, "application/problem+json", p);
    }

    private static void write(HttpServletResponse resp, int status, String type, JsonNode body) throws IOException {
        resp.setStatus(status);
        resp.setContentType(type);
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        byte[] bytes = ConsoleJson.MAPPER.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }
}
