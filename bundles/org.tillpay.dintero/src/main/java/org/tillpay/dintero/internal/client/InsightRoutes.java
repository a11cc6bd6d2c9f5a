package org.tillpay.dintero.internal.client;

/**
 * Dintero's Insight report schedules and generated reports (API.md &sect;10.2): listing configurations and report
 * metadata (reads, retried on transient failures), creating and deleting a configuration (not retried:
 * after a failure the caller lists the configurations again before it writes; an update is a PUT, a whole
 * replacement, and is retried), and downloading a report through its
 * signed URL (sent without the bearer token: the URL is its own authorisation; not retried, so that no retry log line
 * shows it: the user asks again, and a new listing signs a new URL).
 */
final class InsightRoutes extends DinteroRouteBuilder {

    static final String LIST_CONFIGURATIONS = "direct:dintero-insight-configurations";
    static final String WRITE_CONFIGURATION = "direct:dintero-insight-configuration-write";
    static final String LIST_REPORTS = "direct:dintero-reports-metadata";
    static final String DOWNLOAD_REPORT = "direct:dintero-report-download";

    @Override
    public void configure() {
        apiRoute(LIST_CONFIGURATIONS, "dintero-insight-configurations", CallSafety.SAFE);
        apiRoute(WRITE_CONFIGURATION, "dintero-insight-configuration-write", CallSafety.IDEMPOTENT_METHODS);
        apiRoute(LIST_REPORTS, "dintero-reports-metadata", CallSafety.SAFE);
        fileRoute(DOWNLOAD_REPORT, "dintero-report-download", CallSafety.NEVER);
    }
}
