package org.tillpay.dintero.emulator.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.dintero.emulator.OutboxMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/sessions-profile} for the {@link Emulator}: validates the request and lays the profile under it
 * (without a lock), then stores the session and "publishes" its SMS or push message under the emulator's lock, which
 * guards the session map and the outbox shared with it, and the lost answer
 * ({@link org.tillpay.dintero.emulator.DinteroEmulator#loseNextSessionResponse()}). A request rejected before the
 * session is stored (400, 401) does not use the lost answer up.
 */
final class SessionCreation {

    /** The answer to a session creation: the body, and whether the answer gets lost (a bodiless 504). */
    record Outcome(ObjectNode response, boolean lost) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(SessionCreation.class);

    private final Object lock;
    private final String publicBaseUrl;
    private final Clock clock;
    private final SessionProfiles profiles;
    private final GiftCards giftCards;
    private final Map<String, SessionRecord> sessions;
    private final List<OutboxMessage> outbox;
    /** Guarded by {@link #lock}. */
    private boolean loseNext;

    /**
     * @param lock the emulator's lock
     * @param publicBaseUrl the emulator's public base URL, for the payment link
     * @param clock the emulator's clock
     * @param profiles the payment profiles
     * @param giftCards the gift cards
     * @param sessions the emulator's sessions, guarded by the lock
     * @param outbox the emulator's outbox, guarded by the lock
     */
    SessionCreation(Object lock, String publicBaseUrl, Clock clock, SessionProfiles profiles, GiftCards giftCards,
            Map<String, SessionRecord> sessions, List<OutboxMessage> outbox) {
        this.lock = lock;
        this.publicBaseUrl = publicBaseUrl;
        this.clock = clock;
        this.profiles = profiles;
        this.giftCards = giftCards;
        this.sessions = sessions;
        this.outbox = outbox;
    }

    /** Makes the answer to the next session creation (on any account) get lost; once, however often called. */
    void loseNext() {
        synchronized (lock) {
            loseNext = true;
        }
        LOG.info("The answer to the next session creation will be lost (504, empty body)");
    }

    /**
     * Creates a session.
     *
     * @param account the caller's account
     * @param rawBody the raw request body
     * @param featureToggles the {@code Dintero-Feature-Toggles} header, or null
     * @param includeSession whether the answer carries the session ({@code include_session=true})
     * @return the answer, and whether it gets lost
     * @throws ApiException 400 when the request is invalid
     */
    Outcome create(Account account, byte[] rawBody, String featureToggles, boolean includeSession) {
        JsonNode parsed = Json.parse(rawBody);
        boolean strict = featureToggles != null && List.of(featureToggles.split(",")).stream().map(String::trim)
                .anyMatch(SessionRequestValidator.STRICT_SESSION_AMOUNTS::equals);
        Instant now = clock.instant();
        Instant expiresAt = SessionRequestValidator.validate(parsed, account,
                p -> profiles.exists(account.accountId(), p), strict, now);
        JsonNode body = profiles.apply(account.accountId(), parsed);
        giftCards.validateSession(body, account.accountId());
        String id = Ids.resourceId(account.accountId());
        String link = publicBaseUrl + "/checkout/v1/view/" + id;
        String phone = Json.text(body, "customer", "phone_number");
        boolean push = PaymentMethods.pushInsteadOfSms(body.get("configuration"));
        ArrayNode publish = Json.MAPPER.createArrayNode();
        ObjectNode response = Json.object();
        boolean lost;
        synchronized (lock) {
            JsonNode requested = Json.at(body, "configuration", "publish");
            List<OutboxMessage> messages = new ArrayList<>();
            if (requested != null) {
                for (JsonNode entry : requested) {
                    ObjectNode echoed = ((ObjectNode) entry).deepCopy();
                    String publishId = Ids.uuid();
                    String status = phone != null ? "sent" : "skipped";
                    echoed.put("id", publishId);
                    echoed.put("status", status);
                    publish.add(echoed);
                    messages.add(new OutboxMessage(id, account.accountId(), publishId, push ? "push" : "sms", phone,
                            link, status, now));
                }
            }
            SessionRecord session = new SessionRecord(id, account, (ObjectNode) body, publish, now, expiresAt);
            session.event("INITIATED", now, null);
            if (push && messages.stream().anyMatch(m -> "sent".equals(m.status()))) {
                session.event("PUSH_NOTIFICATION_SENT", now, null);
            }
            sessions.put(id, session);
            outbox.addAll(messages);
            response.put("id", id);
            response.put("url", link);
            response.set("publish", session.publishView());
            if (includeSession) {
                response.set("session", session.view());
            }
            lost = loseNext;
            loseNext = false;
            LOG.info("Session {} created for account {} merchant reference {} ({} {}), publish {}", id,
                    account.accountId(), session.merchantReference(), session.amount(), session.currency(),
                    messages.stream().map(m -> m.channel() + ":" + m.status()).toList());
        }
        return new Outcome(response, lost);
    }
}
