package org.tillpay.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One API request: who asks, the path below {@code /api/v1}, reading the JSON body and writing the answer. */
final class Exchange {

    /** Bodies larger than this are refused: no request of this API needs more. */
    static final int MAX_BODY_BYTES = 256 * 1024;

    final HttpServletRequest req;
    final HttpServletResponse resp;
    final ConsoleUser user;
    /** The path below {@code /api/v1}, split at {@code /} without the leading empty part. */
    final String[] path;

    Exchange(HttpServletRequest req, HttpServletResponse resp, ConsoleUser user, String[] path) {
        this.req = req;
        this.resp = resp;
        this.user = user;
        this.path = path;
    }

    /** @throws ApiException (403) unless the user's role includes {@code needed} */
    void require(Role needed) {
        if (!user.may(needed)) {
            throw new ApiException(ApiException.Type.FORBIDDEN, "this needs the " + needed.realmName() + " role; "
                    + user.name() + " has " + (user.roles().isEmpty() ? "none of the console's roles"
                            : user.roles().stream().map(Role::realmName).toList()));
        }
    }

    /** @return the JSON body, an object; a missing body is an empty object */
    JsonNode body() throws IOException {
        String type = req.getContentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(ApiException.Type.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json");
        }
        byte[] bytes;
        try (InputStream in = req.getInputStream()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new ApiException(ApiException.Type.INVALID_REQUEST, "the body is larger than " + MAX_BODY_BYTES
                    + " bytes");
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
