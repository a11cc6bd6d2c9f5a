package org.tillpay.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The pages: the files the front-end build put in the bundle under {@code /console/web}, and the API's description
 * at {@code /api/openapi.yaml}. Only GET; only known file types; every answer forbids framing and sniffing, and the
 * pages may load nothing from elsewhere.
 */
final class ConsolePages {

    private static final Map<String, String> TYPES = Map.of("html", "text/html;charset=utf-8",
            "js", "text/javascript;charset=utf-8", "css", "text/css;charset=utf-8", "svg", "image/svg+xml",
            "png", "image/png", "yaml", "application/yaml;charset=utf-8", "ico", "image/x-icon");

    void serve(HttpServletRequest req, HttpServletResponse resp, String path) throws IOException {
        if (!"GET".equals(req.getMethod()) && !"HEAD".equals(req.getMethod())) {
            Exchange.problem(resp, new ApiException(ApiException.Type.METHOD_NOT_ALLOWED, "pages are read with GET"));
            return;
        }
        String name;
        if (path.equals("/api/openapi.yaml")) {
            name = "/console/openapi.yaml";
        } else if (path.equals("/") || path.isEmpty()) {
            name = "/console/web/index.html";
        } else if (path.matches("/[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*") && !path.contains("..")) {
            name = "/console/web" + path;
        } else {
            name = null;
        }
        String type = name == null ? null : TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        InputStream in = type == null ? null : ConsolePages.class.getResourceAsStream(name);
        if (in == null) {
            Exchange.problem(resp, new ApiException(ApiException.Type.NOT_FOUND, "no page " + path));
            return;
        }
        try (in) {
            resp.setStatus(200);
            resp.setContentType(type);
            resp.setHeader("X-Content-Type-Options", "nosniff");
            resp.setHeader("X-Frame-Options", "DENY");
            resp.setHeader("Referrer-Policy", "no-referrer");
            resp.setHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data:;"
                    + " frame-ancestors 'none'; form-action 'self'");
            resp.setHeader("Cache-Control", name.endsWith(".html") ? "no-cache" : "max-age=300");
            if ("GET".equals(req.getMethod())) {
                in.transferTo(resp.getOutputStream());
            }
        }
    }
}
