package org.tillpay.shell.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.osgi.framework.BundleContext;
import org.tillpay.payment.api.ProviderReport;
import org.tillpay.payment.api.ProviderReportSource;

/**
 * {@code tillpay:insight}: the reports Dintero makes of a store's transactions on its Insight schedule
 * ({@code insight.report.schedule}), newest first; {@code --download} saves one.
 */
@Service
@Command(scope = "tillpay", name = "insight", description = "Lists (or downloads) the Insight reports Dintero made for a store on its schedule")
public class InsightCommand implements Action {

    @Reference
    BundleContext context;

    @Argument(index = 0, name = "store", required = true, description = "The store id")
    @Completion(StoreIdCompleter.class)
    String storeId;

    @Option(name = "--download", description = "Save this report (its id) to a file")
    String download;

    @Option(name = "--out", description = "The file to write; by default data/tillpay/reports/<report file name>")
    String out;

    @Override
    public Object execute() throws Exception {
        ProviderReportSource source = source();
        try {
            List<ProviderReport> reports = source.reports().toCompletableFuture().get(60, TimeUnit.SECONDS);
            if (download != null) {
                return save(source, reports);
            }
            System.out.println("Schedule: " + source.schedule().orElse("none (insight.report.schedule is empty)"));
            ShellTable table = new ShellTable();
            for (String c : new String[] {"Report", "Name", "Schedule", "From", "To", "Type", "Made"}) {
                table.column(c);
            }
            for (ProviderReport r : reports) {
                table.addRow().addContent(r.id(), r.name(), r.schedule(), r.periodFrom(), r.periodTo(),
                        r.contentType(), r.createdAt());
            }
            table.print(System.out);
        } catch (ExecutionException e) {
            System.err.println(e.getCause().getMessage());
        }
        return null;
    }

    private Object save(ProviderReportSource source, List<ProviderReport> reports) throws Exception {
        ProviderReport report = reports.stream().filter(r -> r.id().equals(download)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--download: '" + download
                        + "' is not an Insight report of store " + storeId));
        byte[] bytes = source.download(report.id()).toCompletableFuture().get(60, TimeUnit.SECONDS);
        Path target = out != null ? Path.of(out).toAbsolutePath()
                : Path.of(System.getProperty("karaf.data", "data"), "tillpay", "reports", report.fileName());
        Files.createDirectories(target.getParent());
        Files.write(target, bytes);
        System.out.println("Wrote " + target + " (" + report.contentType() + ", " + bytes.length + " bytes)");
        return null;
    }

    private ProviderReportSource source() {
        return SettlementSources.service(context, ProviderReportSource.class, storeId, "has no provider reports");
    }
}
