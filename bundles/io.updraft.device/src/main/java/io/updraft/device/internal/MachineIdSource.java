package io.updraft.device.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The systemd/D-Bus machine-id (machine-id(5)): 32 hex characters, unique per installation. */
final class MachineIdSource {
    private static final Logger LOG = LoggerFactory.getLogger(MachineIdSource.class);
    private static final Pattern VALID = Pattern.compile("[0-9a-fA-F]{32}");
    private static final String ALL_ZERO = "0".repeat(32);

    private final Path systemRoot;
    private final List<Path> files;

    MachineIdSource(Path systemRoot, List<Path> files) {
        this.systemRoot = systemRoot;
        this.files = files;
    }

    /** The 16 bytes of the first valid machine-id, or empty when none of the files holds one. */
    Optional<byte[]> read() {
        for (Path relative : files) {
            Path file = systemRoot.resolve(relative);
            String content;
            try {
                content = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).trim();
            } catch (NoSuchFileException e) {
                LOG.debug("No machine-id at {}", file);
                continue;
            } catch (IOException e) {
                LOG.warn("Cannot read machine-id {}; trying the next source", file, e);
                continue;
            }
            // Empty and "uninitialized" are what systemd leaves before first boot completes; not a fault.
            if (content.isEmpty() || content.equals("uninitialized") || content.equals(ALL_ZERO)) {
                LOG.debug("machine-id {} is not initialised ('{}')", file, content);
            } else if (VALID.matcher(content).matches()) {
                return Optional.of(HexFormat.of().parseHex(content.toLowerCase()));
            } else {
                LOG.warn("machine-id {} is not 32 hex characters; ignoring it", file);
            }
        }
        return Optional.empty();
    }
}
