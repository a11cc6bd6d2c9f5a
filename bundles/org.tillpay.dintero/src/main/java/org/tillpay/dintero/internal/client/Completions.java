package org.tillpay.dintero.internal.client;

import java.util.concurrent.CompletionException;

/** Helpers for the failures that {@link java.util.concurrent.CompletableFuture} stages hand on. */
public final class Completions {

    private Completions() {
    }

    /**
     * @param failure what a stage failed with
     * @return the real cause: the failure itself, or what a {@link CompletionException} wraps
     */
    public static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
