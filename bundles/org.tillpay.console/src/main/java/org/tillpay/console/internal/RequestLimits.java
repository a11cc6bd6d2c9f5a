package org.tillpay.console.internal;

import java.util.Locale;

/**
 * What the API accepts as a request body, checked from the headers before anything is read: at most the configured
 * size ({@code request.body.max.bytes}; 413), and JSON in UTF-8 ({@code application/json}; 415). A body sent without
 * {@code Content-Length} is counted while it is read ({@link Exchange#body()}).
 */
final class RequestLimits {

    private final int maxBodyBytes;

    RequestLimits(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    int maxBodyBytes() {
        return maxBodyBytes;
    }

    /**
     * @param contentType the {@code Content-Type} header, or null
     * @param contentLength the {@code Content-Length}, or -1 when not sent
     * @param streamed true when the body comes without a length ({@code Transfer-Encoding})
     * @throws ApiException 413 when the body is declared larger than allowed, 415 when a body is not JSON
     */
    void check(String contentType, long contentLength, boolean streamed) {
        if (contentLength > maxBodyBytes) {
            throw tooLarge();
        }
        boolean hasBody = contentLength > 0 || (contentLength < 0 && streamed);
        if (hasBody) {
            requireJson(contentType);
        }
    }

    /** @throws ApiException 415 unless the type is {@code application/json}, in UTF-8 if a charset is named */
    static void requireJson(String contentType) {
        if (contentType == null) {
            throw new ApiException(ApiException.Type.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json");
        }
        String[] parts = contentType.split(";");
        if (!parts[0].strip().equalsIgnoreCase("application/json")) {
            throw new ApiException(ApiException.Type.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json,"
                    + " was " + parts[0].strip().replaceAll("[^A-Za-z0-9.+/_-]", "?"));
        }
        for (int i = 1; i < parts.length; i++) {
            String[] param = parts[i].split("=", 2);
            if (param[0].strip().equalsIgnoreCase("charset") && (param.length < 2
                    || !param[1].strip().replace("\"", "").toLowerCase(Locale.ROOT).equals("utf-8"))) {
                throw new ApiException(ApiException.Type.UNSUPPORTED_MEDIA_TYPE, "JSON must be sent in UTF-8");
            }
        }
    }

    /** @return the 413 for a body larger than allowed */
    ApiException tooLarge() {
        return new ApiException(ApiException.Type.PAYLOAD_TOO_LARGE, "the body is larger than " + maxBodyBytes
                + " bytes");
    }
}
