package io.updraft.telemetry.command.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import io.updraft.telemetry.Category;
import io.updraft.telemetry.Consent;
import io.updraft.telemetry.ConsentService;
import io.updraft.telemetry.TelemetryException;

@Command(scope = "telemetry", name = "consent",
        description = "Shows the consent per telemetry category; --grant or --withdraw it for CATEGORY... or --all (a withdrawal purges stored events)")
@Service
public class ConsentCommand implements Action {

    @Reference
    ConsentService consent;

    @Option(name = "--grant", description = "Grant consent for the given categories, under the current policy version")
    boolean grant;

    @Option(name = "--withdraw", description = "Withdraw consent from the given categories; their stored events are deleted")
    boolean withdraw;

    @Option(name = "--all", description = "With --grant or --withdraw: every category")
    boolean all;

    @Option(name = "--no-format", description = "Plain tables without borders, for scripts")
    boolean noFormat;

    @Argument(name = "CATEGORY", multiValued = true, description = "Categories to grant or withdraw: diagnostics, "
            + "performance, usage, location, crash, ota")
    List<String> categories = new ArrayList<>();

    @Override
    public Object execute() throws TelemetryException {
        run(System.out);
        return null;
    }

    void run(PrintStream out) throws TelemetryException {
        if (grant && withdraw) {
            throw new IllegalArgumentException("use either --grant or --withdraw, not both");
        }
        if (grant || withdraw) {
            Set<Category> chosen = chosen();
            consent.change(consent.policyVersion(), grant ? chosen : Set.of(), withdraw ? chosen : Set.of());
        } else if (all || !categories.isEmpty()) {
            throw new IllegalArgumentException("categories and --all need --grant or --withdraw");
        }
        ShellTable table = new ShellTable();
        table.column("Category");
        table.column("Personal");
        table.column("Consent");
        table.column("Decided");
        table.column("Policy");
        for (Consent c : consent.consents()) {
            table.addRow().addContent(c.category().id(), c.category().personal() ? "yes" : "no", describe(c),
                    c.decidedAt() == null ? "-" : c.decidedAt().toString(),
                    c.policyVersion() == 0 ? "-" : Integer.toString(c.policyVersion()));
        }
        table.print(out, !noFormat);
        out.println("Policy version in force: " + consent.policyVersion());
    }

    /** The named categories, or every one with --all; names may also be comma-separated. */
    private Set<Category> chosen() {
        Set<Category> out = EnumSet.noneOf(Category.class);
        if (all) {
            if (!categories.isEmpty()) {
                throw new IllegalArgumentException("--all takes no categories, got " + categories);
            }
            return EnumSet.allOf(Category.class);
        }
        for (String n : categories) {
            for (String part : n.split(",")) {
                if (!part.isBlank()) {
                    out.add(Category.parse(part));
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("name the categories (or --all) to " + (grant ? "grant" : "withdraw"));
        }
        return out;
    }

    static String describe(Consent c) {
        return c.status().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
