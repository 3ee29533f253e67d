package io.updraft.installer.command.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.updraft.install.InstallException;
import io.updraft.install.InstallRecord;
import io.updraft.install.InstallService;
import io.updraft.update.Names;

@Command(scope = "ota", name = "rollback",
        description = "Rolls back: without COMPONENT the whole update in trial; with COMPONENT that component to the "
                + "version in its other slot, or to a kept snapshot with --snapshot. Waits until services run again")
@Service
public class RollbackCommand implements Action {

    @Reference(optional = true)
    InstallService installer;

    @Argument(index = 0, name = "component", required = false,
            description = "The component to roll back; without it, the update in trial")
    @Completion(ComponentCompleter.class)
    String component;

    @Option(name = "--snapshot", description = "Restore this snapshot of COMPONENT (see ota:status) instead of its other slot")
    @Completion(SnapshotCompleter.class)
    String snapshot;

    @Option(name = "--no-format", description = "Plain tables without borders, for scripts")
    boolean noFormat;

    @Override
    public Object execute() throws InterruptedException {
        run(System.out);
        return null;
    }

    void run(PrintStream out) throws InterruptedException {
        if (component != null) {
            Names.requireComponentName(component);
        }
        if (snapshot != null) {
            if (component == null) {
                throw new IllegalArgumentException("--snapshot " + snapshot + " needs the COMPONENT it belongs to");
            }
            requireSnapshotId(snapshot);
        }
        InstallService s = Installs.require(installer);
        InstallRecord r;
        try {
            r = s.rollback(component, snapshot, Installs.BY);
        } catch (InstallException e) {
            throw Installs.refused("rollback" + (component == null ? "" : " " + component)
                    + (snapshot == null ? "" : " --snapshot " + snapshot), e);
        }
        out.println("Rollback " + r.id() + " " + r.outcome() + ": " + RecordView.changes(r) + ".");
        RecordView.print(r, out, noFormat);
    }

    /** A snapshot id is one file name word; anything else cannot name a kept snapshot. */
    static String requireSnapshotId(String id) {
        if (id.isBlank() || !id.matches("[A-Za-z0-9][A-Za-z0-9._+-]{0,199}")) {
            throw new IllegalArgumentException("snapshot id '" + id + "' is not a snapshot id (letters, digits, "
                    + "'.', '_', '+', '-')");
        }
        return id;
    }
}
