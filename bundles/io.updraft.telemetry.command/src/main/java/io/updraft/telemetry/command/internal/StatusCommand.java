package io.updraft.telemetry.command.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import io.updraft.telemetry.Category;
import io.updraft.telemetry.CollectorStatus;
import io.updraft.telemetry.ConsentService;
import io.updraft.telemetry.StoreUsage;
import io.updraft.telemetry.TelemetryService;
import io.updraft.telemetry.TelemetryStatus;

@Command(scope = "telemetry", name = "status",
        description = "Shows the collectors, their last samples and failures, and what is stored per category under which consent")
@Service
public class StatusCommand implements Action {

    @Reference
    TelemetryService telemetry;

    @Reference
    ConsentService consent;

    @Option(name = "--no-format", description = "Plain tables without borders, for scripts")
    boolean noFormat;

    @Override
    public Object execute() {
        print(System.out);
        return null;
    }

    void print(PrintStream out) {
        TelemetryStatus status = telemetry.status();
        ShellTable collectors = new ShellTable();
        collectors.column("Collector");
        collectors.column("Category");
        collectors.column("Interval");
        collectors.column("Last sample");
        collectors.column("Samples");
        collectors.column("Failures");
        collectors.column("Last problem");
        for (CollectorStatus c : status.collectors()) {
            collectors.addRow().addContent(c.name(), c.category().id(), interval(c.interval()),
                    c.lastSample() == null ? "-" : c.lastSample().toString(), c.samples(), c.failures(),
                    c.lastProblem().isEmpty() ? "-" : c.lastProblem());
        }
        collectors.print(out, !noFormat);

        out.println();
        ShellTable store = new ShellTable();
        store.column("Category");
        store.column("Consent");
        store.column("Stored events");
        store.column("Stored bytes");
        for (Map.Entry<Category, StoreUsage> e : status.stored().entrySet()) {
            store.addRow().addContent(e.getKey().id(), ConsentCommand.describe(consent.consent(e.getKey())),
                    e.getValue().events(), e.getValue().bytes());
        }
        store.print(out, !noFormat);
        out.println();
        out.println("Policy version " + consent.policyVersion() + "; anonymizer "
                + (status.anonymizerAvailable() ? "available" : "not available: only the categories allowed in storedWithoutAnonymizer are stored"));
    }

    static String interval(Duration d) {
        return d.isZero() ? "event-driven" : d.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
