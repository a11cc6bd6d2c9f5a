package org.tillpay.console.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.ledger.settlement.MonthlySummary;
import org.tillpay.ledger.settlement.ReconciliationLine;
import org.tillpay.ledger.settlement.Settlement;
import org.tillpay.ledger.settlement.SettlementStore;
import org.tillpay.payment.api.SettlementSource;
import org.tillpay.reports.ReportFile;
import org.tillpay.reports.ReportFormat;
import org.tillpay.reports.ReportKind;
import org.tillpay.reports.ReportRequest;
import org.tillpay.reports.SettlementReports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The back office's money (manager): the payouts of a store's Dintero account with their fees (newest first), the
 * monthly summary per payment provider (both per account: Dintero pays out per account), the store's reconciliation
 * exceptions, fetching new settlements, and the downloads (CSV, XLSX, PDF) the reports bundle writes.
 */
final class PayoutsApi {

    private static final Logger LOG = LoggerFactory.getLogger(PayoutsApi.class);
    private static final int MAX_EXCEPTIONS = 1000;

    private final ConsoleStores stores;
    private final SettlementStore settlements;
    private final SettlementReports reports;

    PayoutsApi(ConsoleStores stores, SettlementStore settlements, SettlementReports reports) {
        this.stores = stores;
        this.settlements = settlements;
        this.reports = reports;
    }

    private SettlementSource source(String storeId) {
        return stores.service(SettlementSource.class, storeId).orElseThrow(() -> new ApiException(
                ApiException.Type.NOT_FOUND, "store '" + storeId + "' keeps no settlements"));
    }

    /** {@code GET /stores/{store}/payouts?provider=&from=&to=}. */
    void payouts(Exchange x, String storeId) throws IOException {
        x.require(Role.MANAGER);
        SettlementSource source = source(storeId);
        ArrayNode list = ConsoleJson.MAPPER.createArrayNode();
        java.util.List<Settlement> newestFirst = new java.util.ArrayList<>(settlements.settlements(source.accountId(),
                param(x, "provider"), from(x), to(x)));
        java.util.Collections.reverse(newestFirst);
        for (Settlement s : newestFirst) {
            ObjectNode o = list.addObject();
            o.put("settlementId", s.settlementId());
            o.put("provider", s.provider());
            o.put("currency", s.currency());
            o.put("captureMinor", s.captureMinor());
            o.put("refundMinor", s.refundMinor());
            o.put("feeMinor", s.feeMinor());
            o.put("amountMinor", s.amountMinor());
            o.put("settledAt", String.valueOf(s.settledAt()));
        }
        x.json(200, list);
    }

    /** {@code GET /stores/{store}/payouts/monthly?provider=&from=&to=}. */
    void monthly(Exchange x, String storeId) throws IOException {
        x.require(Role.MANAGER);
        SettlementSource source = source(storeId);
        ArrayNode list = ConsoleJson.MAPPER.createArrayNode();
        for (MonthlySummary m : settlements.monthlySummary(source.accountId(), param(x, "provider"), from(x), to(x))) {
            list.addObject().put("month", m.month().toString()).put("provider", m.provider())
                    .put("currency", m.currency()).put("settlements", m.settlements())
                    .put("captureMinor", m.captureMinor()).put("refundMinor", m.refundMinor())
                    .put("feeMinor", m.feeMinor()).put("amountMinor", m.amountMinor());
        }
        x.json(200, list);
    }

    /** {@code GET /stores/{store}/reconciliation?from=&to=}: what needs attention (everything not MATCHED). */
    void exceptions(Exchange x, String storeId) throws IOException {
        x.require(Role.MANAGER);
        SettlementSource source = source(storeId);
        ArrayNode list = ConsoleJson.MAPPER.createArrayNode();
        int[] more = {0};
        settlements.reconcile(source.accountId(), storeId, from(x), to(x), line -> {
            if (line.outcome() == ReconciliationLine.Outcome.MATCHED) {
                return;
            }
            if (list.size() >= MAX_EXCEPTIONS) {
                more[0]++;
                return;
            }
            ObjectNode o = list.addObject().put("outcome", line.outcome().name())
                    .put("transactionId", line.transactionId()).put("currency", line.currency())
                    .put("posNetMinor", line.posNetMinor()).put("settledNetMinor", line.settledNetMinor())
                    .put("feeMinor", line.feeMinor());
            if (line.saleReference() != null) {
                o.put("saleReference", line.saleReference());
            }
            if (line.paymentProductType() != null) {
                o.put("paymentProduct", line.paymentProductType());
            }
        });
        ObjectNode answer = ConsoleJson.MAPPER.createObjectNode();
        answer.set("exceptions", list);
        answer.put("notShown", more[0]);
        x.json(200, answer);
    }

    /** {@code POST /stores/{store}/payouts/fetch}: asks Dintero for new settlements now. */
    void fetch(Exchange x, String storeId) throws IOException {
        x.require(Role.MANAGER);
        SettlementSource source = source(storeId);
        java.util.List<String> fetched;
        try {
            fetched = source.fetchSettlements().toCompletableFuture().get(120, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new ApiException(ApiException.Type.PROVIDER_UNAVAILABLE, "settlements not fetched: "
                    + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ApiException.Type.PROVIDER_UNAVAILABLE, "interrupted");
        }
        ObjectNode o = ConsoleJson.MAPPER.createObjectNode();
        ArrayNode ids = o.putArray("fetched");
        fetched.forEach(ids::add);
        x.json(200, o);
    }

    /**
     * {@code GET /stores/{store}/reports/{payouts|monthly|settlement|source|reconciliation}?format=&provider=&from=&to=
     * &settlement=}: the file, written whole before it is sent, as an attachment.
     */
    void download(Exchange x, String storeId, String name) throws IOException {
        x.require(Role.MANAGER);
        source(storeId);
        ReportKind kind = switch (name) {
            case "payouts" -> ReportKind.PAYOUTS;
            case "monthly" -> ReportKind.MONTHLY_SUMMARY;
            case "settlement" -> ReportKind.SETTLEMENT;
            case "source" -> ReportKind.SOURCE_FILE;
            case "reconciliation" -> ReportKind.RECONCILIATION;
            default -> throw new ApiException(ApiException.Type.NOT_FOUND, "no report '" + name
                    + "': payouts, monthly, settlement, source or reconciliation");
        };
        ReportFormat format;
        try {
            format = ReportFormat.valueOf(java.util.Objects.requireNonNullElse(param(x, "format"), "csv")
                    .toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(ApiException.Type.INVALID_REQUEST, "csv, xlsx or pdf", "format");
        }
        ReportRequest request;
        try {
            request = new ReportRequest(kind, storeId, format, param(x, "provider"), from(x), to(x),
                    param(x, "settlement"));
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            int colon = message.indexOf(':');
            throw new ApiException(ApiException.Type.INVALID_REQUEST, message, colon > 0 ? message.substring(0, colon)
                    : null);
        }
        Path file = Files.createTempFile("tillpay-report-", "." + format.extension());
        try {
            ReportFile written;
            try (OutputStream out = Files.newOutputStream(file)) {
                written = reports.write(request, out);
            } catch (IllegalArgumentException e) {
                throw new ApiException(ApiException.Type.INVALID_REQUEST, e.getMessage());
            }
            x.resp.setStatus(200);
            x.resp.setContentType(written.contentType());
            x.resp.setHeader("Content-Disposition", "attachment; filename=\"" + written.fileName()
                    .replaceAll("[^A-Za-z0-9._-]", "_") + "\"");
            x.resp.setHeader("Cache-Control", "no-store");
            x.resp.setContentLengthLong(Files.size(file));
            Files.copy(file, x.resp.getOutputStream());
            LOG.info("store {}: {} report ({}, {} rows) downloaded from the console by {}", storeId, kind, format,
                    written.rows(), x.user.name());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String param(Exchange x, String name) {
        String v = x.req.getParameter(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static LocalDate from(Exchange x) {
        LocalDate from = date(x, "from");
        LocalDate to = date(x, "to");
        if (from != null && to != null && from.isAfter(to)) {
            throw new ApiException(ApiException.Type.INVALID_REQUEST, from + " is after to " + to, "from");
        }
        return from;
    }

    private static LocalDate to(Exchange x) {
        return date(x, "to");
    }

    private static LocalDate date(Exchange x, String name) {
        String v = param(x, name);
        try {
            return v == null ? null : LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new ApiException(ApiException.Type.INVALID_REQUEST, "'" + v + "' is not a date such as 2026-11-30",
                    name);
        }
    }
}
