package io.updraft.verifier.internal;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.updraft.fs.DurableFiles;

/**
 * A repository's trust state on disk, {@code <trust>/<repositoryId>/}: the last trusted metadata of each role and
 * the latest time this device has seen. Each file is replaced atomically and durably, so a power cut leaves either
 * the old or the new trusted version.
 */
final class TrustStore {
    private static final Pattern REPOSITORY_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Set<PosixFilePermission> MODE = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
    private static final String CLOCK = "latest-time";

    private final Path dir;

    TrustStore(Path trustRoot, String repositoryId) {
        if (repositoryId == null || !REPOSITORY_ID.matcher(repositoryId).matches()) {
            throw new IllegalArgumentException("repository id '" + repositoryId
                    + "' must be lower-case letters, digits, '.', '_' or '-' (at most 64)");
        }
        this.dir = trustRoot.resolve(repositoryId);
    }

    Path directory() {
        return dir;
    }

    /** The last trusted metadata of a role, or empty. */
    Optional<byte[]> load(String role) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(file(role)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    void store(String role, byte[] metadata) throws IOException {
        DurableFiles.createDirectories(dir);
        Path file = file(role);
        DurableFiles.write(file, metadata, MODE, true, dir.resolve("." + file.getFileName() + ".tmp"));
    }

    void delete(String role) throws IOException {
        if (Files.deleteIfExists(file(role))) {
            DurableFiles.syncDirectory(dir);
        }
    }

    /** The latest time seen, so a clock set back cannot make expired metadata current again. */
    Optional<Instant> latestTime() throws IOException {
        try {
            return Optional.of(Instant.parse(Files.readString(dir.resolve(CLOCK), StandardCharsets.US_ASCII).strip()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (DateTimeParseException e) {
            throw new IOException("trust state " + dir.resolve(CLOCK) + " is damaged: " + e.getMessage(), e);
        }
    }

    void recordTime(Instant now) throws IOException {
        DurableFiles.createDirectories(dir);
        DurableFiles.write(dir.resolve(CLOCK), (now.toString() + "\n").getBytes(StandardCharsets.US_ASCII), MODE, true,
                dir.resolve("." + CLOCK + ".tmp"));
    }

    private Path file(String role) {
        return dir.resolve(URLEncoder.encode(role, StandardCharsets.UTF_8) + ".json");
    }
}
