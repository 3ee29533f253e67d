package io.updraft.installer.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The installer's configuration, validated: every bad value is refused naming the attribute and the value.
 *
 * @param home the Updraft home
 * @param repositoryId the repository whose trust root verifies offline packages
 * @param trustRoot the root.json pinned for it when none is pinned yet
 * @param autoCommit whether a passed trial commits by itself
 * @param historyLimit attempts kept in the history
 * @param snapshots whether components are snapshotted before an update
 */
record Settings(Path home, String repositoryId, Path trustRoot, boolean autoCommit, int historyLimit,
        boolean snapshots) {
    static final String PID = "io.updraft.installer";
    static final int MAX_HISTORY = 10_000;
    private static final Pattern REPOSITORY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    Settings {
        if (repositoryId == null || !REPOSITORY.matcher(repositoryId).matches()) {
            throw new IllegalArgumentException("repositoryId '" + repositoryId
                    + "' must be 1-64 characters of a-z, 0-9, '.', '_', '-'");
        }
        if (historyLimit < 1 || historyLimit > MAX_HISTORY) {
            throw new IllegalArgumentException("historyLimit " + historyLimit + " is outside 1-" + MAX_HISTORY);
        }
    }

    static Settings of(InstallerConfig config) {
        return new Settings(absolute("home", config.home()), config.repositoryId(),
                absolute("trustRoot", config.trustRoot()), config.autoCommit(), config.historyLimit(),
                config.snapshots());
    }

    private static Path absolute(String attribute, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(attribute + " is empty: set an absolute path");
        }
        try {
            Path p = Path.of(value.strip());
            if (!p.isAbsolute()) {
                throw new IllegalArgumentException(attribute + " '" + value + "' is not an absolute path");
            }
            return p.normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(attribute + " '" + value + "' is not a valid path: " + e.getReason(), e);
        }
    }
}
