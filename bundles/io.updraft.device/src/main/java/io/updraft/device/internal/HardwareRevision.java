package io.updraft.device.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The hardware revision as firmware reports it: device tree model on ARM boards, DMI on PCs. */
final class HardwareRevision {
    static final String UNKNOWN = "unknown";
    private static final Logger LOG = LoggerFactory.getLogger(HardwareRevision.class);
    private static final List<String> SOURCES = List.of("sys/firmware/devicetree/base/model",
            "sys/class/dmi/id/product_version", "sys/class/dmi/id/board_version");
    // What BIOS vendors leave in DMI fields nobody filled in; they say nothing about the hardware.
    private static final Set<String> PLACEHOLDERS = Set.of("to be filled by o.e.m.", "not specified",
            "not applicable", "not available", "none", "default string", "n/a", "na", "oem", "o.e.m.",
            "system version", "x.x");

    private final Path systemRoot;

    HardwareRevision(Path systemRoot) {
        this.systemRoot = systemRoot;
    }

    /** The first meaningful value of the firmware sources, or {@code unknown}. */
    String detect() {
        for (String source : SOURCES) {
            Optional<String> value = read(systemRoot.resolve(source));
            if (value.isPresent()) {
                return value.get();
            }
        }
        return UNKNOWN;
    }

    private Optional<String> read(Path file) {
        String raw;
        try {
            // The device tree stores strings NUL-terminated; the NUL would otherwise end up in JSON and logs.
            raw = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).replace("\0", " ");
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            // DMI files may be root-only on some kernels; the next source may still be readable.
            LOG.debug("Cannot read hardware revision from {}", file, e);
            return Optional.empty();
        }
        String value = Printable.clean(raw);
        if (value.isEmpty() || PLACEHOLDERS.contains(value.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return Optional.of(value);
    }
}
