package io.updraft.installer.command.internal;

import java.io.PrintStream;
import java.time.Instant;
import java.util.stream.Collectors;

import org.apache.karaf.shell.support.table.ShellTable;

import io.updraft.install.ComponentChange;
import io.updraft.install.InstallRecord;

/** How the commands show one install or rollback attempt, and the cells the history shares with it. */
final class RecordView {
    private RecordView() {
    }

    static void print(InstallRecord r, PrintStream out, boolean noFormat) {
        ShellTable about = new ShellTable().noHeaders();
        about.column("Field");
        about.column("Value");
        about.addRow().addContent("Id", r.id());
        about.addRow().addContent("Action", r.action().name());
        about.addRow().addContent("Changes", changes(r));
        about.addRow().addContent("Started", r.started().toString());
        about.addRow().addContent("Finished", time(r.finished()));
        about.addRow().addContent("Outcome", r.outcome().name());
        if (!r.reason().isEmpty()) {
            about.addRow().addContent("Reason", oneLine(r.reason()));
        }
        about.addRow().addContent("By", r.by().isEmpty() ? "-" : r.by());
        about.print(out, !noFormat);
    }

    /** {@code app 1.0.0 -> 1.1.0, os (none) -> 2.0.0}; {@code -} for none. */
    static String changes(InstallRecord r) {
        return r.changes().isEmpty() ? "-" : r.changes().stream().map(ComponentChange::toString)
                .collect(Collectors.joining(", "));
    }

    static String time(Instant t) {
        return t == null ? "-" : t.toString();
    }

    /** Reasons may carry a program's multi-line output; a table cell holds one line. */
    static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ");
    }
}
