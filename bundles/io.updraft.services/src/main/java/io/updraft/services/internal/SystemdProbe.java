package io.updraft.services.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import io.updraft.fs.Executables;

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
        if (Executables.findOnPath("systemctl", searchPath).isEmpty()) {
            return Optional.of("systemctl is not on the PATH (" + searchPath + ")");
        }
        return Optional.empty();
    }
}
