package io.updraft.update.command.internal;

import java.io.PrintStream;
import java.util.List;

import org.apache.karaf.shell.support.table.ShellTable;

import io.updraft.install.ComponentState;
import io.updraft.install.ServiceStatus;
import io.updraft.update.Version;

/** The slots of {@code ota:status}: each component's active slot and version, its rollback target and services. */
final class ComponentsView {
    private ComponentsView() {
    }

    static void print(List<ComponentState> components, PrintStream out, boolean noFormat) {
        if (components.isEmpty()) {
            out.println("No component has slots yet.");
            return;
        }
        ShellTable table = new ShellTable();
        table.column("Component");
        table.column("Kind");
        table.column("Active slot");
        table.column("Active version");
        table.column("Rollback version");
        table.column("Services running");
        table.column("Newest snapshot");
        for (ComponentState c : components) {
            table.addRow().addContent(c.name(), c.installKind() == null ? "-" : c.installKind(),
                    c.activeSlot().isEmpty() ? "-" : c.activeSlot(), version(c.activeVersion()),
                    version(c.inactiveVersion()), services(c.services()),
                    c.snapshots().isEmpty() ? "-" : c.snapshots().get(0).id());
        }
        table.print(out, !noFormat);
    }

    /** {@code 2/2}, or {@code 1/2 (worker down)} naming what does not run, since that is what a field engineer looks for. */
    static String services(List<ServiceStatus> services) {
        if (services.isEmpty()) {
            return "-";
        }
        List<String> down = services.stream().filter(s -> !s.running()).map(ServiceStatus::service).toList();
        String count = (services.size() - down.size()) + "/" + services.size();
        return down.isEmpty() ? count : count + " (" + String.join(", ", down) + " down)";
    }

    private static String version(Version v) {
        return v == null ? "-" : v.toString();
    }
}
