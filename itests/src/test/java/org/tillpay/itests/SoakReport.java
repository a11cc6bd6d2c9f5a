package org.tillpay.itests;

import java.util.List;
import java.util.Map;

/** The soak's summary as a Markdown table: what ran, the faults and outages, and each invariant's result. */
final class SoakReport {

    /** Everything the summary shows. */
    record Run(int sales, long ledgerPayments, int dinteroSessions, int stores, int accounts, int nodes, int workers,
            Map<String, long[]> faults, int kills, int pgRestarts, List<String> outages, long driveSeconds,
            long settleSeconds, long totalSeconds, Map<String, Long> stats, long[] callbacksPerNode,
            List<PaymentInvariants.Result> invariants) {
    }

    private SoakReport() {
    }

    static String table(Run run) {
        StringBuilder b = new StringBuilder("## Soak summary\n\n| what | value |\n|---|---|\n");
        row(b, "sales started", run.sales());
        row(b, "payments in the ledger (attempts)", run.ledgerPayments());
        row(b, "Dintero sessions", run.dinteroSessions());
        row(b, "stores / Dintero accounts", run.stores() + " / " + run.accounts());
        row(b, "Karaf nodes / till workers", run.nodes() + " / " + run.workers());
        row(b, "Karaf kills (kill -9, then restarted)", run.kills());
        row(b, "PostgreSQL restarts (immediate stop, crash recovery)", run.pgRestarts());
        StringBuilder perNode = new StringBuilder();
        for (long n : run.callbacksPerNode()) {
            perNode.append(perNode.length() == 0 ? "" : " / ").append(n);
        }
        row(b, "callbacks forwarded per node", perNode);
        row(b, "driving / settle / total duration", run.driveSeconds() + " s / " + run.settleSeconds() + " s / "
                + run.totalSeconds() + " s");
        row(b, "throughput while driving", String.format("%.1f sales/s",
                run.sales() / (double) Math.max(1, run.driveSeconds())));

        b.append("\n### Faults injected\n\n| kind | injected (windows or arms) | affected |\n|---|---|---|\n");
        run.faults().forEach((kind, n) -> b.append("| ").append(kind).append(" | ").append(n[0]).append(" | ")
                .append(n[1] == 0 ? "" : n[1]).append(" |\n"));

        b.append("\n### Invariants\n\n| invariant | result | checked | violations |\n|---|---|---|---|\n");
        for (PaymentInvariants.Result r : run.invariants()) {
            b.append("| ").append(r.name()).append(" | ").append(r.holds() ? "holds" : "**VIOLATED**").append(" | ")
                    .append(r.checked()).append(" | ").append(r.violations().size()).append(" |\n");
        }

        b.append("\n### What the tills saw\n\n| counter | n |\n|---|---|\n");
        run.stats().forEach((k, v) -> row(b, k, v));

        b.append("\n### Outages\n\n");
        run.outages().forEach(o -> b.append("- ").append(o).append('\n'));

        b.append("\n### Violations (first 40 of each)\n\n```\n")
                .append(PaymentInvariants.describe(run.invariants(), 40)).append("```\n");
        return b.toString();
    }

    private static void row(StringBuilder b, String what, Object value) {
        b.append("| ").append(what).append(" | ").append(value).append(" |\n");
    }
}
