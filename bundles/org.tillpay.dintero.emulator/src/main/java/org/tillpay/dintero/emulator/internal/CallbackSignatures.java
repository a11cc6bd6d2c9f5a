package org.tillpay.dintero.emulator.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET|POST /v1/admin/signature} on the checkout host (API.md &sect;6.1): the account's callback signing secret.
 * {@code GET} reads it (404 while the account has none); {@code POST} makes one when the account has none and
 * otherwise answers the existing one (Dintero's {@code POST} may rotate it: UNCONFIRMED, and rotating here would break
 * the stores that use it). From then on the account's callbacks are signed with it.
 */
final class CallbackSignatures {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Account> accounts;
    private final Clock clock;

    CallbackSignatures(Map<String, Account> accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    ObjectNode read(String accountId) {
        Account account = accounts.get(accountId);
        if (account == null || !account.signsCallbacks()) {
            throw new ApiException(404, "NOT_FOUND", "the account has no callback signature secret");
        }
        return view(account);
    }

    ObjectNode create(String accountId, String clientId) {
        Account now = accounts.computeIfPresent(accountId, (id, account) -> account.signsCallbacks() ? account
                : account.withSignatureSecret(HexFormat.of().formatHex(bytes())));
        if (now == null) {
            throw new ApiException(404, "NOT_FOUND", "unknown account");
        }
        ObjectNode view = view(now);
        view.put("created_by", clientId);
        return view;
    }

    private ObjectNode view(Account account) {
        ObjectNode view = Json.object();
        view.put("id", "sig-" + account.accountId());
        view.put("created_at", clock.instant().toString());
        view.putObject("signature").put("type", "v0-hmac-sha256").put("secret", account.signatureSecret());
        return view;
    }

    private static byte[] bytes() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return b;
    }
}
