package io.updraft.update.command.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import io.updraft.update.CheckResult;
import io.updraft.update.DeviceStateService;
import io.updraft.update.InstalledComponent;
import io.updraft.update.Offer;
import io.updraft.update.Release;
import io.updraft.update.SourceException;
import io.updraft.update.StateException;
import io.updraft.update.UpdateChecker;

@Command(scope = "ota", name = "check", description = "Asks the update source now and shows the updates available for this device")
@Service
public class CheckCommand implements Action {

    @Reference
    UpdateChecker checker;

    @Reference
    DeviceStateService state;

    @Option(name = "--verbose", aliases = "-v", description = "Also list the offered releases not taken, with the reason")
    boolean verbose;

    @Option(name = "--no-format", description = "Plain tables without borders, for scripts")
    boolean noFormat;

    @Override
    public Object execute() throws StateException {
        print(System.out);
        return null;
    }

    /**
     * @throws IllegalStateException naming the source's error code when the check failed, so the command fails
     * @throws StateException when the device is busy with an update or the result could not be stored
     */
    void print(PrintStream out) throws StateException {
        CheckResult result;
        try {
            result = checker.check();
        } catch (SourceException e) {
            throw new IllegalStateException("update check failed [" + e.code() + "]: " + e.getMessage(), e);
        }
        int count = result.updates().size();
        out.println("Source '" + result.source() + "' checked at " + result.checkedAt() + ": "
                + (count == 0 ? "no updates" : count == 1 ? "1 update" : count + " updates"));
        if (count > 0) {
            ShellTable table = new ShellTable();
            table.column("Component");
            table.column("Installed");
            table.column("Available");
            table.column("Kind");
            table.column("Size").alignRight();
            for (Offer o : result.updates()) {
                Release r = o.release();
                String installed = state.installed(r.component()).map(InstalledComponent::version)
                        .map(Object::toString).orElse("-");
                String kind = r.kind() == Release.Kind.DELTA ? "delta from " + r.deltaBase() : "full";
                table.addRow().addContent(r.component(), installed, r.version().toString(), kind, Sizes.human(o.length()));
            }
            out.println();
            table.print(out, !noFormat);
        }
        if (result.skipped().isEmpty()) {
            return;
        }
        if (!verbose) {
            out.println(result.skipped().size() + " offered releases not taken; --verbose shows why.");
            return;
        }
        ShellTable skipped = new ShellTable();
        skipped.column("Not taken");
        result.skipped().forEach(s -> skipped.addRow().addContent(s));
        out.println();
        skipped.print(out, !noFormat);
    }
}
