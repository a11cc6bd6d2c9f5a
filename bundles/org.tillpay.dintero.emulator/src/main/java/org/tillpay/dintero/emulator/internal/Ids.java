package org.tillpay.dintero.emulator.internal;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.UUID;

/** Random identifiers and the emulator's timestamp format. */
public final class Ids {

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Ids() {
    }

    /**
     * A Dintero-style resource id: the account id, a dot and 22 random base62 characters.
     *
     * @param accountId the owning account
     * @return the id
     */
    public static String resourceId(String accountId) {
        StringBuilder sb = new StringBuilder(accountId.length() + 23).append(accountId).append('.');
        for (int i = 0; i < 22; i++) {
            sb.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
        }
        return sb.toString();
    }

    /** @return a random UUID string */
    public static String uuid() {
        return UUID.randomUUID().toString();
    }

    /** @return an opaque random access token (256 bits, base64url) */
    public static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Formats an instant as ISO-8601 UTC with milliseconds, for example {@code 2024-05-01T10:15:00.000Z}.
     *
     * @param instant the instant
     * @return the text
     */
    public static String iso(Instant instant) {
        return ISO_MILLIS.format(instant);
    }
}
