package org.tillpay.dintero.emulator.internal;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.dintero.emulator.DinteroInsightEmulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Insight scheduled reports (API.md &sect;10.2): generated from the {@link InsightConfigurations} when the scheduler is
 * played ({@link DinteroInsightEmulator#runInsightReports}), listed by {@code GET /v1/accounts/{aid}/reports/metadata}
 * (spec {@code api_reports_metadata_list_get}) and downloaded without a bearer token through a {@code signed_url}
 * that expires {@link #SIGNED_URL_TTL} after it was handed out, on the emulator's clock (a fresh one per listing, as
 * S3 pre-signed URLs are). Every method takes the emulator's lock, which also guards the transactions.
 */
final class InsightReports {

    /** How long a {@code signed_url} works. */
    static final Duration SIGNED_URL_TTL = Duration.ofHours(1);
    /** The path of the signed download below {@code <base>/api}. */
    static final String SIGNED_PATH = "/v1/reports/signed/";
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;

    private static final Logger LOG = LoggerFactory.getLogger(InsightReports.class);

    /**
     * A generated report.
     *
     * @param seq creation order, for newest first
     * @param id the report id
     * @param jobId shared by the reports of one configuration and run
     * @param config the configuration it was generated from
     * @param contentType {@code text/csv} or {@code application/pdf}
     * @param createdAt when generated
     * @param from the period's first instant
     * @param to the first instant after the period
     * @param fileName the file's name
     * @param bytes the file
     */
    record Report(long seq, String id, String jobId, InsightConfigurations.Stored config, String contentType,
            Instant createdAt, Instant from, Instant to, String fileName, byte[] bytes) {

        /** @return the MIME type the file is served with */
        String servedType() {
            return "text/csv".equals(contentType) ? "text/csv; charset=utf-8" : contentType;
        }
    }

    private record Signature(Report report, Instant expiresAt) {
    }

    private final Object lock;
    private final Clock clock;
    private final Map<String, Account> accounts;
    private final Map<String, TransactionRecord> transactions;
    private final InsightConfigurations configurations;
    private final String apiBaseUrl;
    private final List<Report> reports = new ArrayList<>();
    private final Map<String, Signature> signatures = new HashMap<>();
    private long sequence;

    /**
     * @param lock the emulator's lock, guarding the transactions too
     * @param clock the emulator's clock
     * @param accounts the configured accounts
     * @param transactions every transaction, oldest first
     * @param configurations the report configurations
     * @param publicBaseUrl the emulator's public base URL ({@code signed_url} is below its {@code /api})
     */
    InsightReports(Object lock, Clock clock, Map<String, Account> accounts,
            Map<String, TransactionRecord> transactions, InsightConfigurations configurations, String publicBaseUrl) {
        this.lock = lock;
        this.clock = clock;
        this.accounts = accounts;
        this.transactions = transactions;
        this.configurations = configurations;
        this.apiBaseUrl = publicBaseUrl + "/api";
    }

    /** @return the report configurations */
    InsightConfigurations configurations() {
        return configurations;
    }

    /**
     * The last completed period before an instant, in UTC.
     *
     * @param schedule {@code daily}, {@code weekly} or {@code monthly}
     * @param now the instant
     * @return the period's first instant and the first instant after it
     */
    static Instant[] period(String schedule, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate from;
        LocalDate to;
        switch (schedule) {
            case "daily" -> {
                to = today;
                from = today.minusDays(1);
            }
            case "weekly" -> {
                to = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                from = to.minusWeeks(1);
            }
            case "monthly" -> {
                to = today.withDayOfMonth(1);
                from = to.minusMonths(1);
            }
            default -> throw new IllegalArgumentException("schedule must be one of "
                    + String.join(", ", InsightConfigurations.SCHEDULES) + ", was " + schedule);
        }
        return new Instant[] {from.atStartOfDay(ZoneOffset.UTC).toInstant(), to.atStartOfDay(ZoneOffset.UTC)
                .toInstant()};
    }

    /** See {@link DinteroInsightEmulator#runInsightReports}. */
    List<String> run(String accountId, String schedule) {
        if (schedule == null || !InsightConfigurations.SCHEDULES.contains(schedule)) {
            throw new IllegalArgumentException("schedule must be one of "
                    + String.join(", ", InsightConfigurations.SCHEDULES) + ", was " + schedule);
        }
        synchronized (lock) {
            if (accountId == null || !accounts.containsKey(accountId)) {
                throw new NoSuchElementException("account " + accountId + " is not configured in the emulator");
            }
            Instant now = clock.instant();
            Instant[] period = period(schedule, now);
            List<String> ids = new ArrayList<>();
            for (InsightConfigurations.Stored config : configurations.own(accountId)) {
                if (!schedule.equals(config.schedule())) {
                    continue;
                }
                List<List<String>> rows = rows(accountId, config, period[0], period[1]);
                String jobId = Ids.uuid();
                for (JsonNode type : config.body().path("contentTypes")) {
                    String contentType = type.asText();
                    boolean csv = "text/csv".equals(contentType);
                    LocalDate last = LocalDate.ofInstant(period[1], ZoneOffset.UTC).minusDays(1);
                    String fileName = config.name().replaceAll("[^A-Za-z0-9._-]+", "-") + "_"
                            + LocalDate.ofInstant(period[0], ZoneOffset.UTC) + "_" + last + (csv ? ".csv" : ".pdf");
                    byte[] bytes = csv ? InsightFiles.csv(rows) : InsightFiles.pdf(List.of(config.name(),
                            "Checkout transactions, account " + accountId + ", " + schedule + " report",
                            "Created " + Ids.iso(period[0]).substring(0, 10) + " to " + last + " (UTC), "
                                    + rows.size() + " transaction(s)"), rows);
                    Report report = new Report(++sequence, Ids.uuid(), jobId, config, contentType, now, period[0],
                            period[1], fileName, bytes);
                    reports.add(report);
                    ids.add(report.id());
                }
                LOG.info("Insight report job {} for account {} configuration {} ({}): {} to {}, {} transaction(s), {}",
                        jobId, accountId, config.id(), config.name(), Ids.iso(period[0]), Ids.iso(period[1]),
                        rows.size(), config.body().path("contentTypes"));
            }
            if (ids.isEmpty()) {
                LOG.info("No {} insight report configuration for account {}", schedule, accountId);
            }
            return ids;
        }
    }

    /** The CSV rows: the account's transactions created in [from, to) matching the filters, oldest first. */
    private List<List<String>> rows(String accountId, InsightConfigurations.Stored config, Instant from, Instant to) {
        Map<String, Set<String>> filters = new LinkedHashMap<>();
        for (JsonNode filter : config.body().path("reportFilters")) {
            String name = filter.path("filter").asText();
            String field = "store_id".equals(name) ? "store_id" : "payout_destination_id";
            filters.computeIfAbsent(field, f -> new java.util.HashSet<>()).add(filter.path("value").asText());
        }
        List<List<String>> rows = new ArrayList<>();
        transactions.values().stream().filter(tx -> tx.account.accountId().equals(accountId)
                && !tx.createdAt.isBefore(from) && tx.createdAt.isBefore(to))
                .filter(tx -> filters.entrySet().stream().allMatch(f -> f.getValue().contains(
                        "store_id".equals(f.getKey()) ? tx.text("store", "id") : tx.text("payout_destination_id"))))
                .sorted(Comparator.comparing((TransactionRecord tx) -> tx.createdAt))
                .forEach(tx -> rows.add(List.of(tx.id, Ids.iso(tx.createdAt), tx.merchantReference(),
                        nonNull(tx.text("store", "id")), tx.paymentProductType(), tx.status, String.valueOf(tx.amount),
                        tx.text("currency"), String.valueOf(tx.captured), String.valueOf(tx.refunded))));
        return rows;
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    /** {@code GET /v1/accounts/{aid}/reports/metadata}: newest first, paged by the last id as the token. */
    ObjectNode page(String accountId, List<Map.Entry<String, String>> query) {
        int limit = QueryString.limit(query, DEFAULT_LIMIT, MAX_LIMIT);
        String after = QueryString.value(query, "starting_after");
        synchronized (lock) {
            List<Report> own = newestFirst(accountId);
            int start = 0;
            if (after != null) {
                int index = own.stream().map(Report::id).toList().indexOf(after);
                if (index < 0) {
                    throw ApiException.badRequest("starting_after must be the paging token of a previous answer, was "
                            + after);
                }
                start = index + 1;
            }
            List<Report> page = own.subList(start, Math.min(own.size(), start + limit));
            ObjectNode answer = Json.object();
            ArrayNode items = answer.putArray("reports");
            page.forEach(r -> items.add(view(r)));
            if (start + limit < own.size()) {
                answer.put("starting_after", page.get(page.size() - 1).id());
            }
            return answer;
        }
    }

    /** See {@link DinteroInsightEmulator#insightReports(String)}. */
    List<Map<String, Object>> views(String accountId) {
        synchronized (lock) {
            return newestFirst(accountId).stream().map(r -> Json.toFrozenMap(view(r))).toList();
        }
    }

    private List<Report> newestFirst(String accountId) {
        return reports.stream().filter(r -> r.config().accountId().equals(accountId))
                .sorted(Comparator.comparingLong(Report::seq).reversed()).toList();
    }

    /**
     * The file behind a {@code signed_url}; no bearer token needed.
     *
     * @param token the URL's last segment
     * @return the report
     * @throws ApiException 403 for an unknown token or after it expired
     */
    Report download(String token) {
        synchronized (lock) {
            Signature signature = signatures.get(token);
            if (signature == null) {
                throw new ApiException(403, "FORBIDDEN", "the signature of this URL does not match");
            }
            if (!clock.instant().isBefore(signature.expiresAt())) {
                throw new ApiException(403, "FORBIDDEN", "this signed URL expired at "
                        + Ids.iso(signature.expiresAt()));
            }
            return signature.report();
        }
    }

    /** A report's metadata with a new {@code signed_url}; the caller holds the lock. */
    private ObjectNode view(Report r) {
        Instant now = clock.instant();
        signatures.values().removeIf(s -> !now.isBefore(s.expiresAt()));
        String token = Ids.token();
        signatures.put(token, new Signature(r, now.plus(SIGNED_URL_TTL)));
        InsightConfigurations.Stored config = r.config();
        ObjectNode view = Json.object();
        view.put("id", r.id());
        view.put("report_job_id", r.jobId());
        view.put("account_id", config.accountId());
        view.put("template_id", "checkout-transactions-" + ("text/csv".equals(r.contentType()) ? "csv" : "pdf"));
        view.put("content_type", r.contentType());
        view.put("content_language", config.body().path("language").asText());
        view.put("created_at", Ids.iso(r.createdAt()));
        view.put("data_from", Ids.iso(r.from()));
        view.put("data_to", Ids.iso(r.to()));
        view.put("schedule", config.schedule());
        view.put("report_file_name", r.fileName());
        view.put("custom_report_name", config.name());
        view.put("report_config_id", config.id());
        view.put("data_type", config.body().path("dataType").asText());
        view.put("signed_url", apiBaseUrl + SIGNED_PATH + token);
        ArrayNode filters = view.putArray("report_filters");
        for (JsonNode filter : config.body().path("reportFilters")) {
            ObjectNode copy = filters.addObject();
            // The payments spec's ReportFilter names the payout destination filter operation_payout_destination.
            copy.put("filter", "store_id".equals(filter.path("filter").asText()) ? "store_id"
                    : "operation_payout_destination");
            copy.put("value", filter.path("value").asText());
        }
        return view;
    }
}
