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

    /**
     * @param read a read from Dintero
     * @return the read's answer, or null when Dintero answered 404 (nothing there yet); other failures pass through
     */
    public static <T> java.util.concurrent.CompletableFuture<T> orNullWhenNotFound(
            java.util.concurrent.CompletableFuture<T> read) {
        return read.handle((answer, failure) -> {
            if (failure == null) {
                return answer;
            }
            Throwable cause = cause(failure);
            if (cause instanceof DinteroCallException call && call.status() == 404) {
                return null;
            }
            throw new CompletionException(cause);
        });
    }
}
