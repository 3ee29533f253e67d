package io.updraft.scheduler.command.internal;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.stream.Collectors;

import org.apache.karaf.shell.support.table.ShellTable;

import io.updraft.install.ComponentChange;
import io.updraft.install.InstallException;
import io.updraft.install.InstallRecord;
import io.updraft.install.InstallService;

/** {@code ota:install --file}: a signed package from local storage, installed now, outside the schedule. */
final class OfflineInstall {
    /** The repository configured by default (config/io.updraft.source.repository-production.cfg). */
    static final String DEFAULT_REPOSITORY = "production";
    private static final String REPOSITORY_NAME = "[a-z0-9][a-z0-9_-]{0,63}";

    private OfflineInstall() {
    }

    static void run(InstallService installer, String file, String repository, PrintStream out, boolean noFormat)
            throws InterruptedException {
        Path path = packagePath(file);
        String repo = repository == null ? DEFAULT_REPOSITORY : repository;
        if (!repo.matches(REPOSITORY_NAME)) {
            throw new IllegalArgumentException("--repository '" + repo + "' is not a repository name (a-z, 0-9, '_', '-')");
        }
        if (installer == null) {
            throw new IllegalStateException("the installer is not installed or not running on this device "
                    + "(feature updraft-installer); --file cannot be installed");
        }
        InstallRecord r;
        try {
            r = installer.installFile(path, repo, Schedulers.BY);
        } catch (InstallException e) {
            String message = e.getMessage() == null ? "" : e.getMessage().replaceAll("\\s*\\R\\s*", " ");
            throw new IllegalStateException("install --file " + path + " refused [" + e.reason() + "]: " + message, e);
        }
        out.println("Package " + path + " (repository " + repo + "): " + r.outcome() + ".");
        print(r, out, noFormat);
    }

    /** The file as typed, refused unless it is an absolute path to a regular file, so nothing is guessed. */
    static Path packagePath(String file) {
        Path path;
        try {
            path = Path.of(file);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("--file '" + file + "' is not a path: " + e.getReason(), e);
        }
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("--file " + file + " must be an absolute path");
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("--file " + file + (Files.exists(path) ? " is not a regular file"
                    : " does not exist"));
        }
        return path;
    }

    private static void print(InstallRecord r, PrintStream out, boolean noFormat) {
        ShellTable about = new ShellTable().noHeaders();
        about.column("Field");
        about.column("Value");
        about.addRow().addContent("Id", r.id());
        about.addRow().addContent("Action", r.action().name());
        about.addRow().addContent("Changes", r.changes().isEmpty() ? "-"
                : r.changes().stream().map(ComponentChange::toString).collect(Collectors.joining(", ")));
        about.addRow().addContent("Started", r.started().toString());
        about.addRow().addContent("Finished", r.finished() == null ? "-" : r.finished().toString());
        about.addRow().addContent("Outcome", r.outcome().name());
        if (!r.reason().isEmpty()) {
            about.addRow().addContent("Reason", r.reason().replaceAll("\\s*\\R\\s*", " "));
        }
        about.print(out, !noFormat);
    }
}
