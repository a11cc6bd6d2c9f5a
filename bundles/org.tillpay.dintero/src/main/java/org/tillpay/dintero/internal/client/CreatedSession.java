package org.tillpay.dintero.internal.client;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Dintero's answer to creating a session.
 *
 * @param id the session id
 * @param url the hosted checkout link
 * @param publish what Dintero did with each publish request, e.g. {@code sms:sent}
 */
public record CreatedSession(String id, String url, List<String> publish) {

    /** Copies the list. */
    public CreatedSession {
        publish = List.copyOf(publish);
    }

    static CreatedSession from(JsonNode body) {
        String id = body.path("id").asText("");
        String url = body.path("url").asText("");
        if (id.isEmpty() || url.isEmpty()) {
            throw new DinteroCallException(200, null, "Dintero's session answer has no id or url", null);
        }
        List<String> publish = new ArrayList<>();
        for (JsonNode p : body.path("publish")) {
            publish.add(p.path("channel").asText("?") + ":" + p.path("status").asText("unknown"));
        }
        return new CreatedSession(id, url, publish);
    }
}
