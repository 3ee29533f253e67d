package io.updraft.scheduler.command.internal;

import java.io.PrintStream;
import java.util.EnumSet;
import java.util.Set;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.updraft.scheduler.Stage;
import io.updraft.scheduler.UpdateProgress;
import io.updraft.scheduler.UpdateScheduler;

@Command(scope = "ota", name = "progress",
        description = "Shows the current update's download: totals, rate, ETA and one row per artifact; --watch follows it")
@Service
public class ProgressCommand implements Action {
    /** Stages in which the download is running or about to run, so a watch keeps going. */
    private static final Set<Stage> DOWNLOAD_PENDING = EnumSet.of(Stage.WAITING_TO_DOWNLOAD, Stage.DOWNLOADING);
    static final long REFRESH_MILLIS = 1000;

    /** Pauses between refreshes; tests replace it so they need not wait. */
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    @Reference(optional = true)
    UpdateScheduler scheduler;

    @Option(name = "--watch", aliases = "-w",
            description = "Redraw a progress bar every second until the download has ended (Ctrl-C stops watching, not the download)")
    boolean watch;

    @Option(name = "--no-format", description = "Plain tables without borders, for scripts")
    boolean noFormat;

    Sleeper sleeper = Thread::sleep;

    @Override
    public Object execute() {
        if (watch) {
            watch(System.out);
        } else {
            print(System.out);
        }
        return null;
    }

    void print(PrintStream out) {
        UpdateProgress p = Schedulers.require(scheduler).progress();
        if (p.stage() == null) {
            out.println("No update in progress.");
            return;
        }
        ProgressView.print(p, out, noFormat);
    }

    void watch(PrintStream out) {
        UpdateScheduler s = Schedulers.require(scheduler);
        UpdateProgress p = s.progress();
        int drawn = 0;
        try {
            while (p.stage() != null && DOWNLOAD_PENDING.contains(p.stage())) {
                drawn = redraw(out, ProgressView.bar(p), drawn);
                // Ctrl-C interrupts the command's thread; a pending interrupt must end the watch even when the
                // sleeper would not notice it.
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                sleeper.sleep(REFRESH_MILLIS);
                p = s.progress();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println();
            out.println("Stopped watching; the download itself goes on.");
            return;
        }
        if (p.stage() == null) {
            if (drawn > 0) {
                out.println();
            }
            out.println("No update in progress.");
            return;
        }
        if (drawn > 0) {
            // The last bar, with the final figures, stays on screen above the summary.
            redraw(out, ProgressView.bar(p), drawn);
            out.println();
            out.println();
        }
        ProgressView.print(p, out, noFormat);
    }

    /** Draws the line over the previous one, blanking what a shorter line would leave behind. */
    private static int redraw(PrintStream out, String line, int previous) {
        out.print("\r" + line + " ".repeat(Math.max(0, previous - line.length())));
        out.flush();
        return line.length();
    }
}
