package io.updraft.scheduler.command.internal;

import java.io.PrintStream;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.karaf.shell.support.table.ShellTable;

import io.updraft.scheduler.Confirmation;
import io.updraft.scheduler.Schedule;
import io.updraft.scheduler.Stage;
import io.updraft.scheduler.When;

/** How {@code ota:install} without options shows the pending decision: policy, window, deadline, blockers. */
final class ScheduleView {
    /** Stages in which a user's --now, --window or --deny can still change something. */
    private static final Set<Stage> DECIDABLE = EnumSet.of(Stage.WAITING_TO_DOWNLOAD, Stage.AWAITING_CONFIRMATION,
            Stage.DOWNLOADING, Stage.PAUSED, Stage.VERIFYING, Stage.WAITING_TO_INSTALL);

    private ScheduleView() {
    }

    static void print(Schedule s, PrintStream out, boolean noFormat) {
        ShellTable about = new ShellTable().noHeaders();
        about.column("Field");
        about.column("Value");
        about.addRow().addContent("Update", s.updateId());
        about.addRow().addContent("Stage", s.stage().name());
        about.addRow().addContent("Releases", s.offers().isEmpty() ? "-" : s.offers().stream()
                .map(o -> o.release().component() + " " + o.release().version()).collect(Collectors.joining(", ")));
        about.addRow().addContent("Download", policy(s.download(), s.downloadNotBefore()));
        about.addRow().addContent("Install", policy(s.install(), s.installNotBefore()));
        about.addRow().addContent("Confirmation", confirmation(s.confirmation()));
        if (s.nextAttempt() != null) {
            about.addRow().addContent("Next attempt", s.nextAttempt().toString());
        }
        if (!s.problem().isEmpty()) {
            about.addRow().addContent("Problem", s.problem());
        }
        about.addRow().addContent("Updated", s.updated().toString());
        about.print(out, !noFormat);

        out.println();
        if (s.blockers().isEmpty()) {
            out.println("No pre-update check is blocking.");
        } else {
            ShellTable blockers = new ShellTable();
            blockers.column("Blocked by");
            s.blockers().forEach(b -> blockers.addRow().addContent(b));
            blockers.print(out, !noFormat);
        }
        if (DECIDABLE.contains(s.stage())) {
            out.println("Decide with ota:install --now, --window or --deny.");
        }
    }

    static String policy(When when, Instant notBefore) {
        String label = switch (when) {
            case NOW -> "now";
            case WINDOW -> "in the maintenance window";
            case CONFIRM -> "after confirmation";
        };
        return notBefore == null ? label : label + ", not before " + notBefore;
    }

    static String confirmation(Confirmation c) {
        return switch (c.state()) {
            case NOT_NEEDED -> "not needed";
            case PENDING -> "pending" + (c.deadline() == null ? "" : ", deadline " + c.deadline())
                    + (c.defaultAction().isEmpty() ? "" : ", then '" + c.defaultAction() + "'");
            case CONFIRMED -> "confirmed" + answered(c);
            case DENIED -> "denied" + answered(c);
            case TIMED_OUT -> "timed out" + (c.deadline() == null ? "" : " at " + c.deadline())
                    + (c.defaultAction().isEmpty() ? "" : ", '" + c.defaultAction() + "' applied");
        };
    }

    private static String answered(Confirmation c) {
        return (c.by().isEmpty() ? "" : " by " + c.by()) + (c.at() == null ? "" : " at " + c.at());
    }
}
