package io.updraft.fs;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/** Programs the runtime runs (setsid, systemctl), found the way a shell finds them. */
public final class Executables {
    private Executables() {
    }

    /**
     * The first executable regular file named {@code program} in the directories of {@code searchPath} (a PATH
     * value); empty if there is none or {@code searchPath} is null. Empty and malformed entries are skipped.
     */
    public static Optional<Path> findOnPath(String program, String searchPath) {
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
