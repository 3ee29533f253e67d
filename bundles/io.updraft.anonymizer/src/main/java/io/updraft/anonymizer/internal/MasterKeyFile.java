package io.updraft.anonymizer.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.fs.DurableFiles;

/**
 * The pseudonym master key in {@code <home>/telemetry/anonymizer.key}: 32 random bytes in Base64, readable by
 * its owner only. Made on first start and kept, so pseudonyms stay stable across restarts; a maker who wants
 * pseudonyms comparable across its fleet provisions the same file on every device.
 */
final class MasterKeyFile {
    static final String DIRECTORY = "telemetry";
    static final String NAME = "anonymizer.key";
    static final int KEY_BYTES = 32;
    private static final Logger LOG = LoggerFactory.getLogger(MasterKeyFile.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    /** Far more than a key; a larger file is not a key file and is not read whole. */
    private static final long MAX_SIZE = 1024;

    private MasterKeyFile() {
    }

    static Path location(Path home) {
        return home.resolve(DIRECTORY).resolve(NAME);
    }

    /**
     * The key in {@code <home>/telemetry/anonymizer.key}, made if absent. A file others could read is replaced
     * by a new key, since with the key anyone can test guesses against pseudonyms; a symbolic link or a file of
     * another owner than {@code runtimeUser} is refused.
     *
     * @throws IOException if the file cannot be read or written
     * @throws IllegalStateException if the file is not an acceptable key file
     */
    static byte[] loadOrCreate(Path home, SecureRandom random, String runtimeUser) throws IOException {
        Path file = location(home);
        if (Files.isSymbolicLink(file)) {
            throw new IllegalStateException("pseudonym key file " + file
                    + " is a symbolic link; it must be a regular file owned by the runtime's user");
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            UserPrincipal owner = Files.getOwner(file, LinkOption.NOFOLLOW_LINKS);
            if (!owner.getName().equals(runtimeUser)) {
                throw new IllegalStateException("pseudonym key file " + file + " belongs to '" + owner.getName()
                        + "', not to the runtime's user '" + runtimeUser + "'; refusing a key another account controls");
            }
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            if (!perms.equals(OWNER_ONLY)) {
                LOG.warn("Pseudonym key file {} had permissions {}; replacing the key, which others may have read",
                        file, PosixFilePermissions.toString(perms));
                Files.delete(file);
            }
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            create(file, random);
        }
        return read(file);
    }

    private static byte[] read(Path file) throws IOException {
        if (Files.size(file) > MAX_SIZE) {
            throw new IllegalStateException("pseudonym key file " + file + " is larger than " + MAX_SIZE
                    + " bytes; it must hold " + KEY_BYTES + " bytes in Base64. Delete it to have a new key made");
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            key = new byte[0];
        }
        if (key.length < KEY_BYTES) {
            Arrays.fill(key, (byte) 0);
            throw new IllegalStateException("pseudonym key file " + file + " does not hold at least " + KEY_BYTES
                    + " bytes in Base64. Delete it to have a new key made");
        }
        return key;
    }

    private static void create(Path file, SecureRandom random) throws IOException {
        byte[] raw = new byte[KEY_BYTES];
        random.nextBytes(raw);
        Path dir = file.getParent();
        DurableFiles.createDirectories(dir);
        // Not "*.tmp": the telemetry store may clear those in the same directory when it starts.
        Path temp = dir.resolve(NAME + ".new");
        try {
            // 0600 from the start, so the key never sits in a file others can read. No replace: a key another
            // process put in place meanwhile stands, and both then read the same one.
            DurableFiles.write(file, (Base64.getEncoder().encodeToString(raw) + "\n")
                    .getBytes(StandardCharsets.US_ASCII), OWNER_ONLY, false, temp);
        } catch (FileAlreadyExistsException e) {
            LOG.info("Pseudonym key file {} was made by another process meanwhile; using it", file);
            return;
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
        LOG.info("Generated a new pseudonym key in {}", file);
    }
}
