package org.tillpay.dintero.internal.callback;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import javax.servlet.http.HttpServletRequest;

/**
 * The sizes a request to the callback servlet may have, checked before anything is parsed or verified. Dintero's own
 * requests are far below them: a callback's URL is its store's path and half a dozen short parameters (API.md &sect;6),
 * a webhook's body a short envelope (&sect;8), a {@code method=POST} callback's body one transaction.
 */
final class RequestLimits {

    /** The longest path below {@code /tillpay/dintero}, in characters; longer gets 414. */
    static final int MAX_PATH_CHARS = 256;
    /** The longest raw query string, in characters; longer gets 414. */
    static final int MAX_QUERY_CHARS = 4096;
    /** The longest value of each header the servlet reads, in characters; longer gets 431. */
    static final int MAX_HEADER_CHARS = 1024;
    /** The largest body, in bytes (declared or read); larger gets 413. */
    static final int MAX_BODY_BYTES = 256 * 1024;

    /** The headers the servlet reads. */
    static final List<String> READ_HEADERS = List.of("Dintero-Signature", "event", "event-signature", "event-delivery");

    private RequestLimits() {
    }

    /**
     * @param req the request
     * @return the status to refuse it with (414, 431 or 413), or 0 when it is within every limit so far (the body is
     *         checked again when it is read)
     */
    static int refusal(HttpServletRequest req) {
        String path = req.getPathInfo();
        String query = req.getQueryString();
        if (path != null && path.length() > MAX_PATH_CHARS || query != null && query.length() > MAX_QUERY_CHARS) {
            return 414;
        }
        for (String name : READ_HEADERS) {
            var values = req.getHeaders(name);
            while (values != null && values.hasMoreElements()) {
                String value = values.nextElement();
                if (value != null && value.length() > MAX_HEADER_CHARS) {
                    return 431;
                }
            }
        }
        if (req.getContentLengthLong() > MAX_BODY_BYTES) {
            return 413;
        }
        return 0;
    }

    /**
     * @param req the request
     * @return the body, or null when it is larger than {@link #MAX_BODY_BYTES} (the rest is not read)
     * @throws IOException when the body could not be read
     */
    static byte[] body(HttpServletRequest req) throws IOException {
        InputStream in = req.getInputStream();
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        return body.length > MAX_BODY_BYTES ? null : body;
    }
}
