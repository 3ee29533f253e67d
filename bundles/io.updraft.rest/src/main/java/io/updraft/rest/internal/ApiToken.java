package io.updraft.rest.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.fs.DurableFiles;

/**
 * The API's bearer token, kept in a file that holds the token alone and is readable by its owner only. Made on
 * first start; an existing token is kept so the device UI keeps working across restarts and updates.
 */
final class ApiToken {
    private static final Logger LOG = LoggerFactory.getLogger(ApiToken.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    // A token set by hand must still be hard to guess and safe to carry in a header.
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._~+/=-]{32,512}");
    private static final int RANDOM_BYTES = 32;

    private final byte[] token;

    private ApiToken(byte[] token) {
        this.token = token;
    }

    /**
     * Reads the token from {@code file}, or creates the file with a new random token. A file others could read
     * is replaced by a new token; a symbolic link or a file of another owner than {@code runtimeUser} is refused.
     *
     * @throws IOException if the file cannot be read or written
     * @throws IllegalStateException if the file holds something that is not an acceptable token
     */
    static ApiToken loadOrCreate(Path file, SecureRandom random, String runtimeUser) throws IOException {
        if (Files.isSymbolicLink(file)) {
            throw new IllegalStateException("API token file " + file
                    + " is a symbolic link; it must be a regular file owned by the runtime's user");
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            checkOwner(file, runtimeUser);
            if (!Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS).equals(OWNER_ONLY)) {
                // Others could read the token while the file was open to them: it may have leaked, so it is
                // replaced rather than merely hidden again.
                LOG.warn("API token file {} had permissions {}; replacing the token, which others may have read",
                        file, PosixFilePermissions.toString(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)));
                Files.delete(file);
            }
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            create(file, random);
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (!ACCEPTED.matcher(text).matches()) {
            throw new IllegalStateException("API token file " + file
                    + " does not hold a token of 32-512 characters of A-Z a-z 0-9 . _ ~ + / = -; delete it to have a new one made");
        }
        return new ApiToken(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static void checkOwner(Path file, String me) throws IOException {
        UserPrincipal owner = Files.getOwner(file, LinkOption.NOFOLLOW_LINKS);
        if (!owner.getName().equals(me)) {
            throw new IllegalStateException("API token file " + file + " belongs to '" + owner.getName()
                    + "', not to the runtime's user '" + me + "'; refusing a token another account controls");
        }
    }

    private static void create(Path file, SecureRandom random) throws IOException {
        byte[] raw = new byte[RANDOM_BYTES];
        random.nextBytes(raw);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Path dir = file.toAbsolutePath().getParent();
        DurableFiles.createDirectories(dir);
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        try {
            // Created 0600 from the start: the token never exists in a file others can read. No replace: if
            // another process made the file meanwhile, its token stands.
            DurableFiles.write(file, (value + "\n").getBytes(StandardCharsets.US_ASCII), OWNER_ONLY, false, tmp);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            throw new IOException("could not put new API token in place at " + file, e);
        }
        LOG.info("Generated a new REST API token in {}", file);
    }

    /** Compares in constant time, so response timing tells nothing about the token. */
    boolean matches(String candidate) {
        if (candidate == null) {
            return false;
        }
        return MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.US_ASCII));
    }
}
