package io.updraft.update.command.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import io.updraft.install.InstallService;
import io.updraft.product.DeviceIdentity;
import io.updraft.product.DeviceInfo;
import io.updraft.update.CheckResult;
import io.updraft.update.DeviceStateService;
import io.updraft.update.InstalledComponent;
import io.updraft.update.RecoveryNotice;
import io.updraft.update.UpdateStatus;

@Command(scope = "ota", name = "status", description = "Shows the device, its installed components and the update state")
@Service
public class StatusCommand implements Action {

    @Reference
    DeviceStateService state;

    @Reference
    DeviceInfo device;

    // The installer is an optional feature: without it the slots table is left out.
    @Reference(optional = true)
    InstallService installer;

    @Option(name = "--no-format", description = "Plain tables without borders, for scripts")
    boolean noFormat;

    @Override
    public Object execute() {
        print(System.out);
        return null;
    }

    void print(PrintStream out) {
        DeviceIdentity id = device.identity();
        UpdateStatus status = state.status();

        ShellTable about = new ShellTable().noHeaders();
        about.column("Field");
        about.column("Value");
        about.addRow().addContent("Device ID", id.deviceId() + " (" + id.deviceIdSource() + ")");
        about.addRow().addContent("Product", id.product() + " (" + id.productSource() + ")");
        about.addRow().addContent("Hardware", id.hardwareRevision());
        about.addRow().addContent("Update state", status.state().name());
        about.addRow().addContent("Since", status.since().toString());
        if (!status.updateId().isEmpty()) {
            about.addRow().addContent("Update", status.updateId());
        }
        if (!status.reason().isEmpty()) {
            about.addRow().addContent("Reason", status.reason());
        }
        about.addRow().addContent("Last check", state.lastCheck().map(StatusCommand::describe).orElse("never"));
        about.print(out, !noFormat);

        out.println();
        if (state.installedComponents().isEmpty()) {
            out.println("No components recorded.");
        } else {
            ShellTable components = new ShellTable();
            components.column("Component");
            components.column("Version");
            components.column("Installed");
            for (InstalledComponent c : state.installedComponents()) {
                components.addRow().addContent(c.name(), c.version().toString(), c.installedAt().toString());
            }
            components.print(out, !noFormat);
        }

        InstallService slots = installer;
        if (slots != null) {
            out.println();
            ComponentsView.print(slots.components(), out, noFormat);
        }

        if (!state.recoveryNotices().isEmpty()) {
            out.println();
            ShellTable notices = new ShellTable();
            notices.column("Recovered at");
            notices.column("File");
            notices.column("Problem");
            notices.column("Action");
            for (RecoveryNotice n : state.recoveryNotices()) {
                notices.addRow().addContent(n.at().toString(), n.file(), n.problem(), n.action());
            }
            notices.print(out, !noFormat);
        }
    }

    private static String describe(CheckResult c) {
        String outcome = c.failed() ? "failed: " + c.error()
                : c.updates().size() == 1 ? "1 update" : c.updates().size() + " updates";
        return c.checkedAt() + " from source '" + c.source() + "', " + outcome;
    }
}
