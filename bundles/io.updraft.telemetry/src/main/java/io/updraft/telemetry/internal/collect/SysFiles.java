package io.updraft.telemetry.internal.collect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads the small text files of /proc and /sys. Attributes that a driver does not offer, or refuses to read
 * (some return EIO or ENODATA while a device sleeps), are absent rather than errors.
 */
final class SysFiles {
    private SysFiles() {
    }

    static Optional<String> text(Path file) {
        try {
            return Optional.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip());
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    static OptionalLong number(Path file) {
        Optional<String> t = text(file);
        if (t.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(t.get()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
