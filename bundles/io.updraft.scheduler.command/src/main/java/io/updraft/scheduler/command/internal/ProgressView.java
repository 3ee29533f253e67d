package io.updraft.scheduler.command.internal;

import java.io.PrintStream;
import java.net.URI;
import java.util.Locale;

import org.apache.karaf.shell.support.table.ShellTable;

import io.updraft.downloader.DownloadStatus;
import io.updraft.scheduler.UpdateProgress;

/** How {@code ota:progress} shows an update's progress: a summary, one row per artifact, or a one-line bar. */
final class ProgressView {
    private static final int BAR_WIDTH = 30;

    private ProgressView() {
    }

    static void print(UpdateProgress p, PrintStream out, boolean noFormat) {
        ShellTable about = new ShellTable().noHeaders();
        about.column("Field");
        about.column("Value");
        about.addRow().addContent("Update", p.updateId());
        about.addRow().addContent("Stage", p.stage().name());
        about.addRow().addContent("Progress", p.percent() + "% (" + Sizes.human(p.done()) + " of " + Sizes.human(p.total()) + ")");
        about.addRow().addContent("Rate", Sizes.rate(p.bytesPerSecond()));
        about.addRow().addContent("ETA", Durations.human(p.eta()));
        about.print(out, !noFormat);

        out.println();
        if (p.downloads().isEmpty()) {
            out.println("No artifact download started yet.");
            return;
        }
        ShellTable table = new ShellTable();
        table.column("Component");
        table.column("State");
        table.column("Bytes").alignRight();
        table.column("Rate").alignRight();
        table.column("ETA").alignRight();
        table.column("Mirror");
        table.column("Attempts").alignRight();
        table.column("Problem");
        for (DownloadStatus d : p.downloads()) {
            table.addRow().addContent(d.component() == null || d.component().isEmpty() ? d.id() : d.component(),
                    d.state().name(),
                    Sizes.human(d.bytes()) + " of " + Sizes.human(d.total()) + " (" + d.percent() + "%)",
                    Sizes.rate(d.bytesPerSecond()), Durations.human(d.eta()), host(d.url()),
                    Integer.toString(d.attempts()), d.problem().isEmpty() ? "-" : oneLine(d.problem()));
        }
        table.print(out, !noFormat);
    }

    /** {@code [#######-------]  50%  1.0 MiB of 2.0 MiB  512.0 KiB/s  ETA 2s  DOWNLOADING}. */
    static String bar(UpdateProgress p) {
        int percent = Math.max(0, Math.min(100, p.percent()));
        int filled = percent * BAR_WIDTH / 100;
        return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "] "
                + String.format(Locale.ROOT, "%3d%%", percent) + "  " + Sizes.human(p.done()) + " of "
                + Sizes.human(p.total()) + "  " + Sizes.rate(p.bytesPerSecond()) + "  ETA " + Durations.human(p.eta())
                + "  " + p.stage();
    }

    /**
     * Only the host: enough to tell mirrors apart, and artifact URLs may carry access tokens in their query that do
     * not belong on a screen.
     */
    static String host(String url) {
        if (url == null || url.isEmpty()) {
            return "-";
        }
        try {
            String host = URI.create(url).getHost();
            return host == null ? "-" : host;
        } catch (IllegalArgumentException e) {
            return "-";
        }
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ");
    }
}
