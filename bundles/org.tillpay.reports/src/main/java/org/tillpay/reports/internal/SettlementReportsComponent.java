package org.tillpay.reports.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tillpay.ledger.settlement.Settlement;
import org.tillpay.ledger.settlement.SettlementFile;
import org.tillpay.ledger.settlement.SettlementStore;
import org.tillpay.payment.api.SettlementSource;
import org.tillpay.reports.ReportFile;
import org.tillpay.reports.ReportFormat;
import org.tillpay.reports.ReportKind;
import org.tillpay.reports.ReportRequest;
import org.tillpay.reports.SettlementReports;

/**
 * The {@link SettlementReports} service: finds the store's {@link SettlementSource} (its Dintero account and
 * accounting number), reads the ledger's {@link SettlementStore} and writes the report through the format's
 * {@link TableWriter}. A settlement of another account than the store's is unknown to it.
 */
@Component(service = SettlementReports.class)
public final class SettlementReportsComponent implements SettlementReports {

    private static final Logger LOG = LoggerFactory.getLogger(SettlementReportsComponent.class);

    private final SettlementStore store;
    private final Clock clock;
    private final Map<String, SettlementSource> sources = new ConcurrentHashMap<>();

    /** @param store the ledger's settlements */
    @Activate
    public SettlementReportsComponent(@Reference SettlementStore store) {
        this(store, Clock.systemUTC());
    }

    SettlementReportsComponent(SettlementStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = clock;
    }

    /** Binds a store's settlement source. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSource(SettlementSource source) {
        sources.put(source.storeId(), source);
    }

    void removeSource(SettlementSource source) {
        sources.remove(source.storeId(), source);
    }

    @Override
    public ReportFile write(ReportRequest request, OutputStream out) throws IOException {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(out, "out");
        SettlementSource source = sources.get(request.storeId());
        if (source == null) {
            throw new IllegalArgumentException("store: '" + request.storeId() + "' keeps no settlements");
        }
        ReportContext context = new ReportContext(request, source.accountId(), source.accountingNumber(),
                clock.instant());
        String name = fileName(request);
        if (request.kind() == ReportKind.SOURCE_FILE) {
            return sourceFile(context, out, name);
        }
        Report report = switch (request.kind()) {
            case PAYOUTS -> new PayoutsReport(context, store.settlements(source.accountId(), request.provider(),
                    request.from(), request.to()));
            case MONTHLY_SUMMARY -> new MonthlySummaryReport(context, store.monthlySummary(source.accountId(),
                    request.provider(), request.from(), request.to()));
            case SETTLEMENT -> new SettlementLinesReport(context, store, settlement(request, source.accountId()));
            case RECONCILIATION -> new ReconciliationReport(context, store);
            case SOURCE_FILE -> throw new IllegalStateException("handled above");
        };
        return write(report, request, out, name);
    }

    private ReportFile sourceFile(ReportContext context, OutputStream out, String name) throws IOException {
        ReportRequest request = context.request();
        Settlement s = settlement(request, context.accountId());
        SettlementFile file = store.files(s.settlementId()).stream().filter(f -> !f.fromDintero()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("settlement: " + s.settlementId()
                        + " has no source file from its provider"));
        boolean csv = file.contentType().startsWith("text/csv") || file.fileName().endsWith(".csv");
        if (!csv) {
            throw new IllegalArgumentException("settlement: the source file " + file.fileName() + " of "
                    + s.settlementId() + " is " + file.contentType() + ", not a table");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.min(file.sizeBytes(), 1 << 24));
        store.copyFile(s.settlementId(), file.attachmentId(), bytes);
        if (request.format() == ReportFormat.CSV) {
            // the provider's bytes as delivered: parsed only to count the rows and to refuse a file without a header
            int rows = new SourceFileReport(context, file, bytes.toByteArray()).recordCount() - 1;
            bytes.writeTo(out);
            LOG.info("store {}: source file {} of settlement {} served as delivered ({} bytes, {} rows)",
                    request.storeId(), file.fileName(), s.settlementId(), file.sizeBytes(), rows);
            return new ReportFile(file.fileName(), file.contentType(), rows);
        }
        return write(new SourceFileReport(context, file, bytes.toByteArray()), request, out, name);
    }

    private Settlement settlement(ReportRequest request, String accountId) {
        return store.settlement(request.settlementId()).filter(s -> s.accountId().equals(accountId))
                .orElseThrow(() -> new IllegalArgumentException("settlement: '" + request.settlementId()
                        + "' is not a settlement of store " + request.storeId()));
    }

    private ReportFile write(Report report, ReportRequest request, OutputStream out, String name)
            throws IOException {
        long started = System.nanoTime();
        ReportFormat format = request.format();
        TableWriter writer = switch (format) {
            case CSV -> new CsvTableWriter(out);
            case XLSX -> new XlsxTableWriter(out);
            case PDF -> new PdfTableWriter(out);
        };
        writer.start(report.table());
        long rows = report.rows(writer);
        writer.finish();
        LOG.info("store {}: {} report written as {} ({} rows) in {} ms", request.storeId(), request.kind(), format,
                rows, (System.nanoTime() - started) / 1_000_000);
        return new ReportFile(name, format.contentType(), rows);
    }

    /** @return {@code <kind>-<store>[-<settlement>][-<from>][-<to>].<ext>}, safe as a file name */
    static String fileName(ReportRequest r) {
        StringBuilder name = new StringBuilder(r.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                .append('-').append(r.storeId());
        if (r.settlementId() != null) {
            name.append('-').append(r.settlementId());
        }
        if (r.provider() != null) {
            name.append('-').append(r.provider());
        }
        if (r.from() != null) {
            name.append("-from-").append(r.from());
        }
        if (r.to() != null) {
            name.append("-to-").append(r.to());
        }
        return name.toString().replaceAll("[^A-Za-z0-9._-]", "_") + "." + r.format().extension();
    }
}
