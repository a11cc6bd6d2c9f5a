package org.tillpay.ledger.settlement;

import java.util.Objects;

/**
 * A file Dintero attached to a settlement (API.md &sect;10.1 {@code attachments[]}), as kept in the ledger: the
 * payment provider's own source file, or Dintero's normalised report ({@code created_by} {@code dintero}).
 *
 * @param attachmentId Dintero's attachment id
 * @param fileName a file name to save or attach it under, with its extension
 * @param contentType its media type ({@code text/csv}, {@code application/json}, ...)
 * @param createdBy who made it: {@code dintero}, or the provider, or null when Dintero does not say
 * @param sizeBytes its size in bytes
 */
public record SettlementFile(String attachmentId, String fileName, String contentType, String createdBy,
        long sizeBytes) {

    /** Checks the required fields. */
    public SettlementFile {
        Objects.requireNonNull(attachmentId, "attachmentId");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(contentType, "contentType");
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must not be negative: " + sizeBytes);
        }
    }

    /** @return true for Dintero's normalised report, false for the provider's source file */
    public boolean fromDintero() {
        return "dintero".equalsIgnoreCase(createdBy);
    }

    /**
     * A file with its bytes, to be stored with its settlement.
     *
     * @param file what it is
     * @param bytes its content; {@code file.sizeBytes()} must equal its length
     */
    public record Content(SettlementFile file, byte[] bytes) {

        /** Checks that the size matches. */
        public Content {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(bytes, "bytes");
            if (bytes.length != file.sizeBytes()) {
                throw new IllegalArgumentException("file " + file.attachmentId() + " has " + bytes.length
                        + " bytes, not " + file.sizeBytes());
            }
        }

        /** @return the file with the size of these bytes */
        public static Content of(String attachmentId, String fileName, String contentType, String createdBy,
                byte[] bytes) {
            return new Content(new SettlementFile(attachmentId, fileName, contentType, createdBy, bytes.length), bytes);
        }
    }
}
