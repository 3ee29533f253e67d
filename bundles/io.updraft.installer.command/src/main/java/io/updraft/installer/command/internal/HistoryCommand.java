package io.updraft.installer.command.internal;

import java.io.PrintStream;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import io.updraft.install.InstallRecord;
import io.updraft.install.InstallService;

@Command(scope = "ota", name = "history",
        description = "Lists install and rollback attempts, newest first, with the reason for any failure")
@Service
public class HistoryCommand implements Action {
    /** More than a screen is rarely wanted; the history itself keeps more. */
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 1000;

    @Reference(optional = true)
    InstallService installer;

    @Option(name = "--limit", aliases = "-n", description = "Show at most this many attempts (1-" + MAX_LIMIT + ", default " + DEFAULT_LIMIT + ")")
    int limit = DEFAULT_LIMIT;

    @Option(name = "--no-format", description = "Plain tables without borders, for scripts")
    boolean noFormat;

    @Override
    public Object execute() {
        run(System.out);
        return null;
    }

    void run(PrintStream out) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("--limit " + limit + " is not between 1 and " + MAX_LIMIT);
        }
        List<InstallRecord> records = Installs.require(installer).history(limit);
        if (records.isEmpty()) {
            out.println("No install or rollback attempts yet.");
            return;
        }
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Action");
        table.column("Changes");
        table.column("Started");
        table.column("Finished");
        table.column("Outcome");
        table.column("Reason");
        table.column("By");
        for (InstallRecord r : records) {
            table.addRow().addContent(r.id(), r.action().name(), RecordView.changes(r), r.started().toString(),
                    RecordView.time(r.finished()), r.outcome().name(),
                    r.reason().isEmpty() ? "-" : RecordView.oneLine(r.reason()), r.by().isEmpty() ? "-" : r.by());
        }
        table.print(out, !noFormat);
    }
}
