package io.updraft.device.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.fs.DurableFiles;

/**
 * The device ID and its source in {@code <home>/state/device-id}, one line {@code <id> <source>}. Written once,
 * when the device first resolves its ID, and from then on the device's identity whatever machine-id or MAC say.
 * A file holding only an ID is the format of earlier versions, which persisted generated IDs only.
 */
final class PersistedDeviceId {
    private static final Logger LOG = LoggerFactory.getLogger(PersistedDeviceId.class);
    private static final Pattern CURRENT = Pattern.compile("(" + DeviceId.FORMAT.pattern() + ") ("
            + String.join("|", DeviceId.SOURCES.stream().map(Pattern::quote).sorted().toList()) + ")");
    /** Far more than a valid line; a larger file is corrupt and is not read whole. */
    private static final long MAX_SIZE = 256;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** A persisted ID; {@code legacy} when read from the old format, whose source is always {@code generated}. */
    record Entry(DeviceId id, boolean legacy) {
    }

    private final Path file;
    // Not "*.tmp": the state bundle deletes those in state/ when it starts, possibly in the middle of our write.
    private final Path temp;
    private final Clock clock;

    PersistedDeviceId(Path home, Clock clock) {
        this.file = home.resolve("state").resolve("device-id");
        this.temp = file.resolveSibling("device-id.new");
        this.clock = clock;
    }

    Path path() {
        return file;
    }

    /**
     * The persisted ID, or empty when there is none yet or the file was corrupt; a corrupt file is moved aside
     * as {@code device-id.corrupt-<timestamp>}, never deleted.
     *
     * @throws IOException if the file exists but cannot be read, or a corrupt file cannot be moved aside; guessing
     *         then could give the device a new identity
     */
    Optional<Entry> load() throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (!attributes.isRegularFile()) {
            throw new IOException("Device ID file " + file + " is not a regular file");
        }
        if (attributes.size() > MAX_SIZE) {
            return corrupt("larger than " + MAX_SIZE + " bytes");
        }
        String text = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).trim();
        Matcher current = CURRENT.matcher(text);
        if (current.matches()) {
            return Optional.of(new Entry(new DeviceId(current.group(1), current.group(2)), false));
        }
        if (DeviceId.FORMAT.matcher(text).matches()) {
            return Optional.of(new Entry(new DeviceId(text, DeviceId.GENERATED), true));
        }
        return corrupt("not '<32 lowercase hex characters> <source>'");
    }

    private Optional<Entry> corrupt(String why) throws IOException {
        Path aside = DurableFiles.moveAside(file, "corrupt", STAMP.format(clock.instant()));
        LOG.warn("Device ID file {} is corrupt ({}); kept it as {} and deriving the ID anew", file, why,
                aside.getFileName());
        return Optional.empty();
    }

    /**
     * Persists {@code id} durably: temp file, fsync, atomic rename, fsync of the directory, and fsync of every
     * directory created on the way and of its parent, so after a power cut the file is either absent or complete.
     */
    void save(DeviceId id) throws IOException {
        DurableFiles.createDirectories(file.getParent());
        DurableFiles.write(file, (id.id() + " " + id.source() + "\n").getBytes(StandardCharsets.US_ASCII), null, true,
                temp);
    }
}
