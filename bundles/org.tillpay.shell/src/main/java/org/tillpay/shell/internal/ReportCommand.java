package org.tillpay.shell.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.tillpay.reports.ReportFile;
import org.tillpay.reports.ReportFormat;
import org.tillpay.reports.ReportKind;
import org.tillpay.reports.ReportRequest;
import org.tillpay.reports.SettlementReports;

/**
 * {@code tillpay:report}: writes a settlement report (payouts, the monthly summary, one settlement's normalised
 * report or source file, the reconciliation) as CSV, XLSX or PDF to a file, by default under
 * {@code data/tillpay/reports}.
 */
@Service
@Command(scope = "tillpay", name = "report", description = "Writes a settlement report as a CSV, XLSX or PDF file")
public class ReportCommand extends SettlementCommand {

    @Reference
    SettlementReports reports;

    @Argument(index = 1, name = "report", required = true, description = "payouts, monthly, settlement, source or reconciliation")
    @Completion(value = StringsCompleter.class, values = {"payouts", "monthly", "settlement", "source", "reconciliation"})
    String report;

    @Option(name = "--format", description = "csv (default), xlsx or pdf")
    @Completion(value = StringsCompleter.class, values = {"csv", "xlsx", "pdf"})
    String format = "csv";

    @Option(name = "--provider", description = "Only this payment provider (payouts and monthly)")
    String provider;

    @Option(name = "--settlement", description = "The settlement (settlement and source reports)")
    String settlementId;

    @Option(name = "--out", description = "The file to write; by default data/tillpay/reports/<report name>")
    String out;

    @Override
    public Object execute() throws IOException {
        ReportRequest request = new ReportRequest(kind(report), storeId, ReportFormat.parse(format), provider,
                fromDate(), toDate(), settlementId);
        Path target = out == null ? null : Path.of(out).toAbsolutePath();
        Path folder = target == null ? Path.of(System.getProperty("karaf.data", "data"), "tillpay", "reports")
                : target.getParent();
        Files.createDirectories(folder);
        Path partial = Files.createTempFile(folder, "report-", ".part");
        ReportFile file;
        try (OutputStream stream = Files.newOutputStream(partial)) {
            file = reports.write(request, stream);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Path written = target == null ? folder.resolve(file.fileName()) : target;
        Files.move(partial, written, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("Wrote " + written + " (" + file.contentType() + ", " + file.rows() + " rows, "
                + Files.size(written) + " bytes)");
        return null;
    }

    /** @return the report kind for a name */
    static ReportKind kind(String name) {
        return switch (name == null ? "" : name.strip().toLowerCase(Locale.ROOT)) {
            case "payouts" -> ReportKind.PAYOUTS;
            case "monthly" -> ReportKind.MONTHLY_SUMMARY;
            case "settlement" -> ReportKind.SETTLEMENT;
            case "source" -> ReportKind.SOURCE_FILE;
            case "reconciliation" -> ReportKind.RECONCILIATION;
            default -> throw new IllegalArgumentException("report: '" + name
                    + "' is not payouts, monthly, settlement, source or reconciliation");
        };
    }
}
