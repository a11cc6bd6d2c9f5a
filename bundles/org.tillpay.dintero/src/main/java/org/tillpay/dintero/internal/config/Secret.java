package org.tillpay.dintero.internal.config;

import java.util.Objects;

/** A secret setting (client secret, signature secret). Its {@link #toString()} never shows the value. */
public final class Secret {

    private static final String MASK = "********";

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /**
     * @param value the secret, not blank
     * @return the wrapped secret
     */
    public static Secret of(String value) {
        Objects.requireNonNull(value, "value");
        return new Secret(value);
    }

    /** @return the secret itself; pass it only to where it is used, never to a log or a message */
    public String reveal() {
        return value;
    }

    /** @return a fixed mask that says a value is set without revealing anything of it */
    public String masked() {
        return MASK;
    }

    @Override
    public String toString() {
        return MASK;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret && ((Secret) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
