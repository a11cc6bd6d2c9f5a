package org.tillpay.dintero.internal.client;

import java.util.Objects;

/**
 * A file downloaded from Dintero (a settlement report).
 *
 * @param contentType its content type
 * @param bytes its content
 */
public record DinteroFile(String contentType, byte[] bytes) {

    /** Checks the values. */
    public DinteroFile {
        Objects.requireNonNull(contentType, "contentType");
        bytes = bytes == null ? new byte[0] : bytes;
    }

    @Override
    public String toString() {
        return "DinteroFile[" + contentType + ", " + bytes.length + " bytes]";
    }
}
