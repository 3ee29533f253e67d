package io.updraft.scheduler.command.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;

import io.updraft.install.InstallService;
import io.updraft.scheduler.Schedule;
import io.updraft.scheduler.SchedulerException;
import io.updraft.scheduler.Stage;
import io.updraft.scheduler.UpdateScheduler;

@Command(scope = "ota", name = "install",
        description = "Decides when the pending update is installed (--now or --window) or declines it (--deny); without options shows the pending decision; "
                + "--file installs a signed package from local storage now")
@Service
public class InstallCommand implements Action {

    @Reference(optional = true)
    UpdateScheduler scheduler;

    @Reference(optional = true)
    InstallService installer;

    @Option(name = "--file", description = "Install this signed package file (absolute path, e.g. on a USB stick) now, "
            + "verified against the pinned root of --repository; waits until it is committed, rolled back or failed")
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "--repository", description = "With --file: the repository whose pinned root the package must be "
            + "signed under (default " + OfflineInstall.DEFAULT_REPOSITORY + ")")
    String repository;

    @Option(name = "--now", description = "Install as soon as it is downloaded and verified, overriding the window; counts as confirmation")
    boolean now;

    @Option(name = "--window", description = "Install in the next maintenance window; counts as confirmation")
    boolean window;

    @Option(name = "--deny", description = "Decline the update; it is not offered again until a newer release comes")
    boolean deny;

    @Option(name = "--no-format", description = "Plain tables without borders, for scripts")
    boolean noFormat;

    @Override
    public Object execute() throws InterruptedException {
        run(System.out);
        return null;
    }

    void run(PrintStream out) throws InterruptedException {
        List<String> chosen = new ArrayList<>();
        if (now) {
            chosen.add("--now");
        }
        if (window) {
            chosen.add("--window");
        }
        if (deny) {
            chosen.add("--deny");
        }
        if (file != null) {
            if (!chosen.isEmpty()) {
                throw new IllegalArgumentException("--file installs the package now and does not go with "
                        + String.join(" ", chosen));
            }
            OfflineInstall.run(installer, file, repository, out, noFormat);
            return;
        }
        if (repository != null) {
            throw new IllegalArgumentException("--repository " + repository + " goes only with --file");
        }
        if (chosen.size() > 1) {
            throw new IllegalArgumentException("use exactly one of --now, --window, --deny; got " + String.join(" ", chosen));
        }
        UpdateScheduler s = Schedulers.require(scheduler);
        if (chosen.isEmpty()) {
            Optional<Schedule> current = s.current();
            if (current.isEmpty()) {
                out.println("No update pending.");
            } else {
                ScheduleView.print(current.get(), out, noFormat);
            }
            return;
        }
        Schedule result;
        try {
            result = now ? s.installNow(Schedulers.BY) : window ? s.installInWindow(Schedulers.BY) : s.deny(Schedulers.BY);
        } catch (SchedulerException e) {
            throw Schedulers.refused("install " + chosen.get(0), e, s);
        }
        if (deny) {
            out.println("Update " + result.updateId() + " declined; it is not offered again until a newer release comes. "
                    + "Stage " + result.stage() + ".");
            return;
        }
        out.println("Update " + result.updateId() + " will be installed " + (now ? "now" : "in the maintenance window")
                + "; stage " + result.stage() + ".");
        out.println("Install due: " + due(result));
    }

    private static String due(Schedule s) {
        if (s.stage() == Stage.INSTALL_DUE) {
            return "now";
        }
        if (s.installNotBefore() != null) {
            return s.installNotBefore() + (s.stage() == Stage.WAITING_TO_INSTALL ? ""
                    : ", once it is downloaded and verified");
        }
        return "as soon as it is downloaded and verified";
    }
}
