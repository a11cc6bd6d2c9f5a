package org.tillpay.dintero.internal.config;

/** A store's configuration is unusable. The message names the configuration key and never contains a secret. */
public final class InvalidStoreConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String key;

    InvalidStoreConfigException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
    }

    /** @return the configuration key that is wrong, e.g. {@code account.id} */
    public String key() {
        return key;
    }
}
