package io.updraft.device.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A random device ID made once and kept in {@code <home>/state/device-id}, for devices with neither a
 * machine-id nor a physical MAC. Once written it is the device's identity, so it is never regenerated while valid.
 */
final class PersistedDeviceId {
    static final Pattern FORMAT = Pattern.compile("[0-9a-f]{32}");
    private static final Logger LOG = LoggerFactory.getLogger(PersistedDeviceId.class);

    private final Path file;
    // Not "*.tmp": the state bundle deletes those in state/ when it starts, possibly in the middle of our write.
    private final Path temp;

    PersistedDeviceId(Path home) {
        this.file = home.resolve("state").resolve("device-id");
        this.temp = file.resolveSibling("device-id.new");
    }

    Path path() {
        return file;
    }

    /** The persisted ID, made and written durably first if there is none or it is corrupt. */
    String loadOrCreate() throws IOException {
        try {
            String id = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).trim();
            if (FORMAT.matcher(id).matches()) {
                return id;
            }
            LOG.warn("Device ID file {} is corrupt (not 32 lowercase hex characters); replacing it with a new ID",
                    file);
        } catch (NoSuchFileException e) {
            LOG.info("No device ID at {}; generating one", file);
        }
        String id = UUID.randomUUID().toString().replace("-", "");
        write(id);
        return id;
    }

    private void write(String id) throws IOException {
        Path dir = file.getParent();
        Files.createDirectories(dir);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap((id + "\n").getBytes(StandardCharsets.US_ASCII));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            // The content must be on disk before the rename publishes it, or a power cut leaves an empty file.
            ch.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
