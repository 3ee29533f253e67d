package io.updraft.installer.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
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
 * @param recoveryRetry how long after a failed recovery it is tried again (doubled after each failure)
 */
record Settings(Path home, String repositoryId, Path trustRoot, boolean autoCommit, int historyLimit,
        boolean snapshots, Duration recoveryRetry) {
    static final String PID = "io.updraft.installer";
    static final int MAX_HISTORY = 10_000;
    static final int MAX_RECOVERY_RETRY_SECONDS = 1800;
    private static final Pattern REPOSITORY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    Settings {
        if (repositoryId == null || !REPOSITORY.matcher(repositoryId).matches()) {
            throw new IllegalArgumentException("repositoryId '" + repositoryId
                    + "' must be 1-64 characters of a-z, 0-9, '.', '_', '-'");
        }
        if (historyLimit < 1 || historyLimit > MAX_HISTORY) {
            throw new IllegalArgumentException("historyLimit " + historyLimit + " is outside 1-" + MAX_HISTORY);
        }
        if (recoveryRetry.isNegative() || recoveryRetry.isZero()
                || recoveryRetry.compareTo(Duration.ofSeconds(MAX_RECOVERY_RETRY_SECONDS)) > 0) {
            throw new IllegalArgumentException("recoveryRetrySeconds " + recoveryRetry.toSeconds() + " is outside 1-"
                    + MAX_RECOVERY_RETRY_SECONDS);
        }
    }

    static Settings of(InstallerConfig config) {
        return new Settings(absolute("home", config.home()), config.repositoryId(),
                absolute("trustRoot", config.trustRoot()), config.autoCommit(), config.historyLimit(),
                config.snapshots(), Duration.ofSeconds(config.recoveryRetrySeconds()));
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
