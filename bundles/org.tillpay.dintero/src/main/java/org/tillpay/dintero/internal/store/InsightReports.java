package org.tillpay.dintero.internal.store;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.dintero.internal.client.Completions;
import org.tillpay.dintero.internal.client.DinteroApi;
import org.tillpay.dintero.internal.client.DinteroCallException;
import org.tillpay.dintero.internal.client.DinteroJson;
import org.tillpay.dintero.internal.config.ReportSettings;
import org.tillpay.dintero.internal.config.StoreSettings;
import org.tillpay.payment.api.PaymentFailedException;
import org.tillpay.payment.api.ProviderReport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The store's Insight report at Dintero (API.md &sect;10.2): {@link #ensure} keeps one configuration named
 * {@code Tillpay store <id>} as {@code insight.report.schedule} and {@code insight.report.emails} say (created,
 * updated when it differs, deleted when the schedule is emptied; the account's configurations are listed first, so
 * running it again changes nothing); {@link #reports} lists the reports Dintero made from it, and {@link #download}
 * fetches one through its signed URL.
 */
final class InsightReports {

    private static final Logger LOG = LoggerFactory.getLogger(InsightReports.class);
    private static final int MAX_PAGES = 50;

    private final StoreSettings settings;
    private final DinteroApi api;

    InsightReports(StoreSettings settings, DinteroApi api) {
        this.settings = settings;
        this.api = api;
    }

    /** @return the configuration's name: how Tillpay finds its own among the account's */
    String name() {
        return "Tillpay store " + settings.storeId();
    }

    /** @return completes with what was done: created, updated, deleted or unchanged */
    CompletableFuture<String> ensure() {
        ReportSettings wanted = settings.reports();
        return api.listInsightConfigurations().thenCompose(list -> {
            JsonNode existing = null;
            for (JsonNode c : list.isArray() ? list : list.path("configurations")) {
                if (name().equals(c.path("name").asText())) {
                    existing = c;
                }
            }
            if (wanted.insightSchedule().isEmpty()) {
                return existing == null ? done("unchanged") : api.writeInsightConfiguration("DELETE",
                        existing.path("id").asText(), null).thenCompose(ignored -> done("deleted"));
            }
            ObjectNode body = body(wanted);
            if (existing == null) {
                return api.writeInsightConfiguration("POST", null, body).thenCompose(ignored -> done("created"));
            }
            if (same(existing, body)) {
                return done("unchanged");
            }
            return api.writeInsightConfiguration("PUT", existing.path("id").asText(), body)
                    .thenCompose(ignored -> done("updated"));
        });
    }

    private CompletableFuture<String> done(String what) {
        LOG.info("store {}: Insight report '{}' {} ({})", settings.storeId(), name(), what,
                settings.reports().insightSchedule().orElse("no schedule"));
        return CompletableFuture.completedFuture(what);
    }

    private ObjectNode body(ReportSettings wanted) {
        ObjectNode body = DinteroJson.MAPPER.createObjectNode();
        body.put("dataType", "checkout/transactions");
        body.put("name", name());
        body.put("schedule", wanted.insightSchedule().orElseThrow());
        body.put("language", "en");
        ArrayNode emails = body.putArray("emails");
        wanted.insightEmails().forEach(emails::add);
        body.putArray("reportFilters").addObject().put("filter", "store_id").put("value", settings.storeId());
        body.putArray("contentTypes").add("text/csv").add("application/pdf");
        return body;
    }

    private static boolean same(JsonNode existing, ObjectNode wanted) {
        for (String field : new String[] {"dataType", "schedule", "language", "emails", "reportFilters",
            "contentTypes"}) {
            if (!wanted.path(field).equals(existing.path(field))) {
                return false;
            }
        }
        return true;
    }

    /** @return completes with the reports made from the store's configuration, newest first */
    CompletableFuture<List<ProviderReport>> reports() {
        return metadata(null, new ArrayList<>(), 0).thenApply(items -> {
            List<ProviderReport> reports = new ArrayList<>();
            for (JsonNode r : items) {
                reports.add(report(r));
            }
            return reports;
        });
    }

    /** @return completes with the report's bytes; exceptionally (NOT_FOUND) for an id not among ours */
    CompletableFuture<byte[]> download(String reportId) {
        return metadata(null, new ArrayList<>(), 0).thenCompose(items -> {
            for (JsonNode r : items) {
                if (r.path("id").asText().equals(reportId)) {
                    String url = r.path("signed_url").asText("");
                    checkUrl(url);
                    return api.downloadReport(url).handle((file, failure) -> {
                        if (failure != null) {
                            // the failure names the URL, which authorises the download: say only what failed
                            Throwable cause = Completions.cause(failure);
                            int status = cause instanceof DinteroCallException call ? call.status() : 0;
                            throw new CompletionException(new PaymentFailedException(
                                    PaymentFailedException.Reason.UNAVAILABLE, "Insight report " + reportId
                                            + " of store " + settings.storeId() + " not downloaded ("
                                            + (status == 0 ? "Dintero not reached" : "status " + status) + ")",
                                    null));
                        }
                        LOG.info("store {}: Insight report {} downloaded ({} bytes)", settings.storeId(), reportId,
                                file.bytes().length);
                        return file.bytes();
                    });
                }
            }
            return CompletableFuture.failedFuture(new PaymentFailedException(
                    PaymentFailedException.Reason.NOT_FOUND, "report: '" + reportId
                            + "' is not an Insight report of store " + settings.storeId(), null));
        });
    }

    /** Pages through the account's report metadata, keeping the store's own reports. */
    private CompletableFuture<List<JsonNode>> metadata(String after, List<JsonNode> mine, int page) {
        return api.listReports(after).thenCompose(body -> {
            for (JsonNode r : body.path("reports")) {
                if (isMine(r)) {
                    mine.add(r);
                }
            }
            String next = body.path("starting_after").asText("");
            return next.isEmpty() || page + 1 >= MAX_PAGES ? CompletableFuture.completedFuture(mine)
                    : metadata(next, mine, page + 1);
        });
    }

    private boolean isMine(JsonNode report) {
        if (name().equals(report.path("custom_report_name").asText())) {
            return true;
        }
        for (JsonNode f : report.path("report_filters")) {
            if ("store_id".equals(f.path("filter").asText()) && settings.storeId().equals(f.path("value").asText())) {
                return true;
            }
        }
        return false;
    }

    private ProviderReport report(JsonNode r) {
        LocalDate from = date(r.path("data_from").asText(""));
        LocalDate toExclusive = date(r.path("data_to").asText(""));
        String type = r.path("content_type").asText("application/octet-stream");
        String file = r.path("report_file_name").asText("");
        if (file.isEmpty()) {
            file = r.path("id").asText() + (type.contains("pdf") ? ".pdf" : type.contains("csv") ? ".csv" : "");
        }
        return new ProviderReport(r.path("id").asText(), r.path("custom_report_name").asText(name()),
                r.path("schedule").asText(""), type, file.replaceAll("[^A-Za-z0-9._-]", "_"), from,
                toExclusive == null ? null : toExclusive.minusDays(1), instant(r.path("created_at").asText("")));
    }

    /** Only HTTPS, or plain HTTP to a loopback host (the embedded emulator), like every Dintero URL here. */
    private void checkUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("store " + settings.storeId() + ": Dintero gave a report URL that is"
                    + " not a URL", e);
        }
        String host = Objects.requireNonNullElse(uri.getHost(), "");
        boolean loopback = host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]");
        if (!"https".equals(uri.getScheme()) && !("http".equals(uri.getScheme()) && loopback)) {
            throw new IllegalStateException("store " + settings.storeId() + ": Dintero gave a report URL that is"
                    + " not HTTPS (" + uri.getScheme() + "://" + host + ")");
        }
    }

    private static LocalDate date(String text) {
        try {
            return text.length() >= 10 ? LocalDate.parse(text.substring(0, 10)) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant instant(String text) {
        try {
            return text.isEmpty() ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
