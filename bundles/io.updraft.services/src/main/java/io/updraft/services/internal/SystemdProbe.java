package io.updraft.services.internal;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/** Whether units can be managed here: systemd's own test (sd_booted) plus a {@code systemctl} to call. */
final class SystemdProbe {
    /** The directory systemd creates at boot when it is the init system. */
    static final Path RUN_DIR = Path.of("/run/systemd/system");

    private SystemdProbe() {
    }

    /**
     * @param runDir normally {@link #RUN_DIR}
     * @param searchPath the PATH, directories separated by ':'
     * @return why systemd cannot be used, or empty when it can
     */
    static Optional<String> unavailableReason(Path runDir, String searchPath) {
        if (!Files.isDirectory(runDir)) {
            return Optional.of("the device does not run systemd (" + runDir + " is not a directory)");
        }
        if (findOnPath("systemctl", searchPath).isEmpty()) {
            return Optional.of("systemctl is not on the PATH (" + searchPath + ")");
        }
        return Optional.empty();
    }

    static Optional<Path> findOnPath(String program, String searchPath) {
        if (searchPath == null) {
            return Optional.empty();
        }
        for (String dir : searchPath.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            try {
                Path candidate = Path.of(dir, program);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            } catch (InvalidPathException e) {
                // A broken PATH entry cannot hold the program; the others still can.
            }
        }
        return Optional.empty();
    }
}
