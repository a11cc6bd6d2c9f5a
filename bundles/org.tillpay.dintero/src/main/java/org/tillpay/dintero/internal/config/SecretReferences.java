package org.tillpay.dintero.internal.config;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;

/**
 * Which of a store's secrets are written in plain text in its configuration instead of being named there
 * ({@code $[secret:<file>]}, or {@code $[env:<variable>]}) and read from the secrets directory by Felix Config Admin's
 * interpolation plugin. Checked on the configuration as stored, before interpolation; the values are never read out.
 */
public final class SecretReferences {

    /** The store settings that hold secrets. */
    public static final List<String> SECRET_KEYS = List.of("client.secret", "signature.secret", "webhook.secret",
            "smtp.password");

    private SecretReferences() {
    }

    /**
     * @param stored the configuration's properties as stored (not interpolated), or null
     * @return the secret keys whose value is set but names no secret, in {@link #SECRET_KEYS} order
     */
    public static List<String> plainText(Dictionary<String, Object> stored) {
        List<String> plain = new ArrayList<>();
        if (stored == null) {
            return plain;
        }
        for (String key : SECRET_KEYS) {
            Object value = stored.get(key);
            String text = value == null ? "" : value.toString().strip();
            if (!text.isEmpty() && !text.startsWith("$[secret:") && !text.startsWith("$[env:")) {
                plain.add(key);
            }
        }
        return plain;
    }
}
