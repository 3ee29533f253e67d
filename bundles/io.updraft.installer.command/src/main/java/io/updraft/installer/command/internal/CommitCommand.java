package io.updraft.installer.command.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.updraft.install.InstallException;
import io.updraft.install.InstallRecord;
import io.updraft.install.InstallService;

@Command(scope = "ota", name = "commit",
        description = "Commits the update in trial now, without waiting for its remaining health checks")
@Service
public class CommitCommand implements Action {

    @Reference(optional = true)
    InstallService installer;

    @Option(name = "--no-format", description = "Plain tables without borders, for scripts")
    boolean noFormat;

    @Override
    public Object execute() {
        run(System.out);
        return null;
    }

    void run(PrintStream out) {
        InstallService s = Installs.require(installer);
        InstallRecord r;
        try {
            r = s.commit(Installs.BY);
        } catch (InstallException e) {
            throw Installs.refused("commit", e);
        }
        out.println("Update " + r.id() + " committed: " + RecordView.changes(r) + ".");
        RecordView.print(r, out, noFormat);
    }
}
