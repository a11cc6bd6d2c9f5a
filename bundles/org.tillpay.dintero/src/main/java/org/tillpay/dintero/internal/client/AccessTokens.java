package org.tillpay.dintero.internal.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One store's access token: cached, fetched by one caller at a time however many ask at once (single flight), and
 * renewed when half its lifetime has passed, as Dintero's own Node SDK does. A token Dintero refused with 401 is
 * dropped with {@link #invalidate(String)} so the next caller fetches a new one.
 */
final class AccessTokens {

    /** A token with the moment it should be renewed. The value is a credential: never logged. */
    private record Token(String value, Instant renewAt) {
        @Override
        public String toString() {
            return "Token[renewAt=" + renewAt + "]";
        }
    }

    private final Supplier<CompletableFuture<DinteroResponse>> fetch;
    private final Clock clock;
    private CompletableFuture<Token> current;

    /**
     * @param fetch performs one token request
     * @param clock the clock deciding when to renew
     */
    AccessTokens(Supplier<CompletableFuture<DinteroResponse>> fetch, Clock clock) {
        this.fetch = fetch;
        this.clock = clock;
    }

    /** @return a valid access token, fetched only when none is cached or the cached one is due for renewal */
    synchronized CompletableFuture<String> get() {
        if (current != null && (!current.isDone() || isFresh(current))) {
            return current.thenApply(Token::value);
        }
        Instant requestedAt = clock.instant();
        current = fetch.get().thenApply(response -> {
            String value = response.body().path("access_token").asText("");
            long expiresIn = response.body().path("expires_in").asLong(0);
            if (value.isEmpty() || expiresIn <= 0) {
                throw new DinteroCallException(response.status(), null,
                        "Dintero's token answer has no access_token or expires_in", null);
            }
            return new Token(value, requestedAt.plus(Duration.ofSeconds(expiresIn / 2)));
        });
        return current.thenApply(Token::value);
    }

    /** @return a token fetched now, whatever is cached; it replaces the cached one */
    synchronized CompletableFuture<String> renew() {
        if (current != null && !current.isDone()) {
            return current.thenApply(Token::value);
        }
        current = null;
        return get();
    }

    private boolean isFresh(CompletableFuture<Token> done) {
        return !done.isCompletedExceptionally() && clock.instant().isBefore(done.join().renewAt());
    }

    /**
     * Drops a token Dintero refused, unless a newer one has replaced it already.
     *
     * @param refused the token value that got a 401
     */
    synchronized void invalidate(String refused) {
        if (current != null && current.isDone() && !current.isCompletedExceptionally()
                && current.join().value().equals(refused)) {
            current = null;
        }
    }
}
