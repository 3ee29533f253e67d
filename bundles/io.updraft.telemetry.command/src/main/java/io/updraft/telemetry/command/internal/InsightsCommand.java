package io.updraft.telemetry.command.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import io.updraft.analysis.AnalysisService;
import io.updraft.analysis.Insight;
import io.updraft.analysis.MetricStatistics;
import io.updraft.analysis.WindowStatistics;

@Command(scope = "telemetry", name = "insights",
        description = "Shows what the analysis of stored telemetry and logs found (anomalies, error-rate changes, trends, forecasts, correlations), or a metric's rolling statistics")
@Service
public class InsightsCommand implements Action {

    @Reference(optional = true)
    AnalysisService analysis;

    @Argument(index = 0, name = "metric", required = false,
            description = "A metric whose rolling statistics to show, e.g. updraft.metric.cpu.busyPercent")
    String metric;

    @Option(name = "-v", aliases = "--verbose", description = "Also show what to do and the evidence of each insight")
    boolean verbose;

    @Option(name = "--no-format", description = "Plain tables without borders, for scripts")
    boolean noFormat;

    @Override
    public Object execute() {
        print(System.out);
        return null;
    }

    void print(PrintStream out) {
        AnalysisService a = analysis;
        if (a == null) {
            throw new IllegalStateException("the analysis is not installed or not running on this device "
                    + "(feature updraft-analysis, configuration io.updraft.analysis)");
        }
        if (metric != null) {
            statistics(a, out);
        } else {
            insights(a, out);
        }
    }

    private void insights(AnalysisService a, PrintStream out) {
        var insights = a.insights();
        if (insights.isEmpty()) {
            out.println("No insights: nothing unusual in the stored telemetry and log.");
            return;
        }
        ShellTable table = new ShellTable();
        table.column("Severity");
        table.column("Kind");
        table.column("Title");
        table.column("Since");
        for (Insight i : insights) {
            table.addRow().addContent(i.severity().name(), i.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    i.title(), i.firstSeen().toString());
        }
        table.print(out, !noFormat);
        if (verbose) {
            for (Insight i : insights) {
                out.println();
                out.println(i.id() + " (" + i.severity() + ", last seen " + i.lastSeen() + ")");
                out.println("  " + i.title());
                out.println("  What to do: " + i.detail());
                out.println("  Metrics: " + String.join(", ", i.metrics()));
                out.println("  Evidence:");
                for (Map.Entry<String, Object> e : i.evidence().entrySet()) {
                    out.println("    " + e.getKey() + " = " + e.getValue());
                }
            }
        }
    }

    private void statistics(AnalysisService a, PrintStream out) {
        MetricStatistics s = a.statistics(metric).orElseThrow(() -> new IllegalArgumentException("metric '" + metric
                + "' is not tracked; the analysis tracks " + a.metrics().size() + " metrics"
                + (a.metrics().isEmpty() ? "" : ", e.g. " + a.metrics().get(0))));
        ShellTable table = new ShellTable();
        table.column("Window");
        table.column("Count");
        table.column("Mean");
        table.column("Min");
        table.column("Max");
        table.column("p50");
        table.column("p90");
        table.column("p99");
        for (WindowStatistics w : s.windows()) {
            table.addRow().addContent(window(w.window()), w.count(), number(w.mean()), number(w.min()), number(w.max()),
                    number(w.p50()), number(w.p90()), number(w.p99()));
        }
        table.print(out, !noFormat);
        out.println("Last value of " + s.metric() + ": " + number(s.lastValue()) + " at " + s.lastSeen());
    }

    static String window(Duration d) {
        return d.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
    }
}
