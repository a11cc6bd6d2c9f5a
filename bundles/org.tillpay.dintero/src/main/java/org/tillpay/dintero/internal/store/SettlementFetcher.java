package org.tillpay.dintero.internal.store;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.dintero.internal.client.DinteroApi;
import org.tillpay.dintero.internal.config.StoreSettings;
import org.tillpay.ledger.settlement.Settlement;
import org.tillpay.ledger.settlement.SettlementFile;
import org.tillpay.ledger.settlement.SettlementStore;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Fetches the store account's settlements (FLOWS.md (e) 1–3): {@code GET /settlements} from the last fetch minus the
 * look-back, page after page ({@code starting_after_id} and {@code starting_after_date} from the
 * {@code last_evaluated_key} {@code {id, account_id, settled_at}}), and stores each new one with the
 * lines of Dintero's normalised report (the JSON attachment, streamed into the ledger) and every attached file (the
 * provider's source file and Dintero's reports, kept for download and forwarding). A settlement already stored
 * only has its payment status refreshed, so one fetched twice (schedule and webhook) is stored once. One fetch runs at
 * a time per store; a request during a fetch runs once more after it. After a fetch the store's
 * {@link SettlementForwarder} e-mails the reports not forwarded yet.
 */
final class SettlementFetcher {

    private static final Logger LOG = LoggerFactory.getLogger(SettlementFetcher.class);
    private static final int PAGE_SIZE = 100;

    private final StoreSettings settings;
    private final DinteroApi api;
    private final SettlementStore store;
    private final Clock clock;
    private final SettlementForwarder forwarder;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile LocalDate lastFetched;

    SettlementFetcher(StoreSettings settings, DinteroApi api, SettlementStore store, SettlementForwarder forwarder,
            Clock clock) {
        this.settings = settings;
        this.api = api;
        this.store = store;
        this.forwarder = forwarder;
        this.clock = clock;
    }

    /**
     * @param reason what asked ({@code schedule}, {@code webhook}, {@code shell})
     * @return completes with the ids of the settlements stored for the first time
     */
    CompletableFuture<List<String>> fetch(String reason) {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return CompletableFuture.completedFuture(List.of());
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate since = (lastFetched == null ? today : lastFetched).minusDays(settings.settlements().lookbackDays());
        List<String> stored = Collections.synchronizedList(new ArrayList<>());
        return page(since, null, stored).thenCompose(ids -> forwarder.forwardPending().thenApply(sent -> ids))
                .whenComplete((ids, failure) -> finished(reason, today, ids, failure)).thenApply(List::copyOf);
    }

    private void finished(String reason, LocalDate today, List<String> ids, Throwable failure) {
        running.set(false);
        if (failure == null) {
            lastFetched = today;
            LOG.info("store {} (account {}): settlements fetched ({}), {} new: {}", settings.storeId(),
                    settings.accountId(), reason, ids.size(), ids);
        } else {
            LOG.warn("store {} (account {}): settlement fetch ({}) failed, the next one retries: {}",
                    settings.storeId(), settings.accountId(), reason, failure.getMessage());
        }
        if (again.getAndSet(false)) {
            fetch(reason + ", again");
        }
    }

    private CompletableFuture<List<String>> page(LocalDate since, JsonNode cursor, List<String> stored) {
        StringBuilder query = new StringBuilder("limit=" + PAGE_SIZE + "&created_at.gte=" + since);
        if (cursor != null) {
            query.append("&starting_after_id=").append(encode(cursor.path("id").asText()))
                    .append("&starting_after_date=").append(encode(cursor.path("settled_at").asText("")));
        }
        return api.listSettlements(query.toString()).thenCompose(page -> {
            CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
            for (JsonNode item : page.path("items")) {
                chain = chain.thenCompose(ignored -> storeOne(item)).thenAccept(ids -> stored.addAll(ids));
            }
            JsonNode next = page.path("last_evaluated_key");
            return chain.thenCompose(ignored -> next.isObject() && next.size() > 0 ? page(since, next, stored)
                    : CompletableFuture.completedFuture(stored));
        });
    }

    /**
     * Stores one settlement (one row per currency) the first time with all its files (each downloaded once) and the
     * lines of Dintero's JSON report; later only its payment status.
     */
    private CompletableFuture<List<String>> storeOne(JsonNode item) {
        List<Settlement> settlements = settlements(item);
        if (settlements.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        if (settlements.stream().allMatch(s -> store.isStored(s.settlementId()))) {
            settlements.forEach(s -> store.store(s, Collections.emptyIterator()));
            return CompletableFuture.completedFuture(List.of());
        }
        String id = item.path("id").asText();
        List<SettlementFile.Content> files = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> downloads = CompletableFuture.completedFuture(null);
        for (JsonNode attachment : item.path("attachments")) {
            String attachmentId = attachment.path("id").asText("");
            if (attachmentId.isEmpty()) {
                continue;
            }
            downloads = downloads.thenCompose(ignored -> api.settlementAttachment(id, attachmentId))
                    .thenAccept(file -> files.add(SettlementFile.Content.of(attachmentId,
                            fileName(id, attachment), contentType(attachment, file.contentType()),
                            attachment.path("created_by").asText(null), file.bytes())));
        }
        return downloads.thenApply(ignored -> {
            Optional<SettlementFile.Content> report = files.stream().filter(SettlementFetcher::isJsonReport)
                    .findFirst();
            if (report.isEmpty()) {
                LOG.warn("store {}: settlement {} has no JSON report from Dintero; stored without lines",
                        settings.storeId(), id);
            }
            return storeAll(settlements, report.map(SettlementFile.Content::bytes).orElse(new byte[0]),
                    List.copyOf(files));
        });
    }

    private List<String> storeAll(List<Settlement> settlements, byte[] report, List<SettlementFile.Content> files) {
        List<String> added = new ArrayList<>();
        for (Settlement s : settlements) {
            try (SettlementReportLines lines = new SettlementReportLines(report, s.settlementId(), s.currency(),
                    settlements.size() > 1)) {
                if (store.store(s, lines, files)) {
                    added.add(s.settlementId());
                }
            }
        }
        return added;
    }

    private static boolean isJsonReport(SettlementFile.Content content) {
        SettlementFile f = content.file();
        return f.fromDintero() && (f.fileName().endsWith(".json") || f.contentType().startsWith("application/json"));
    }

    /** @return the last segment of the attachment's key, else the settlement id, who made it and the extension */
    static String fileName(String settlementId, JsonNode attachment) {
        String key = attachment.path("key").asText("");
        String last = key.substring(key.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        if (!last.isEmpty() && !last.startsWith(".")) {
            return last;
        }
        String extension = attachment.path("extension").asText("bin").replaceAll("[^A-Za-z0-9]", "");
        return (settlementId + "-" + attachment.path("created_by").asText("provider")).replaceAll(
                "[^A-Za-z0-9._-]", "_") + "." + (extension.isEmpty() ? "bin" : extension);
    }

    private static String contentType(JsonNode attachment, String served) {
        String listed = attachment.path("content_type").asText("");
        return listed.isEmpty() ? served : listed;
    }

    /** @return the settlement as rows, one per currency of its {@code amounts} */
    List<Settlement> settlements(JsonNode item) {
        String id = item.path("id").asText("");
        JsonNode amounts = item.path("amounts");
        if (id.isEmpty() || !amounts.isArray() || amounts.isEmpty()) {
            LOG.warn("store {}: a settlement without id or amounts was skipped: {}", settings.storeId(),
                    id.isEmpty() ? "(no id)" : id);
            return List.of();
        }
        List<Settlement> rows = new ArrayList<>();
        for (JsonNode a : amounts) {
            String currency = a.path("currency").asText("");
            rows.add(new Settlement(amounts.size() > 1 ? id + "-" + currency : id, settings.accountId(),
                    item.path("store_id").asText(null), item.path("provider").asText("unknown"),
                    item.path("provider_reference").asText(null), item.path("payment_status").asText("paid"),
                    currency, a.path("capture").asLong(), a.path("refund").asLong(), a.path("fee").asLong(),
                    a.path("amount").asLong(), date(item.path("settled_at").asText("")), instant(item.path("start_at")),
                    instant(item.path("end_at")), instant(item.path("created_at"))));
        }
        return rows;
    }

    private LocalDate date(String text) {
        try {
            return LocalDate.parse(text.length() >= 10 ? text.substring(0, 10) : text);
        } catch (DateTimeParseException e) {
            LOG.warn("store {}: settlement payout date '{}' unreadable; today's used", settings.storeId(), text);
            return LocalDate.now(clock.withZone(ZoneOffset.UTC));
        }
    }

    private static Instant instant(JsonNode node) {
        try {
            return node.isTextual() ? Instant.parse(node.asText()) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
