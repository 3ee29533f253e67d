package io.updraft.publisher.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.updraft.fs.DurableFiles;
import io.updraft.tuf.TufSigner;

/**
 * The private keys of a repository's roles: {@code <keys>/<role>/<keyid>.key}, directories 0700, files 0600. A
 * revoked key is renamed to {@code <keyid>.key.revoked-<epoch seconds>} and never used again.
 */
final class KeyDirectory {
    static final String SUFFIX = ".key";
    private static final Pattern ROLE = Pattern.compile("[a-z0-9-]{1,64}");
    private static final Set<PosixFilePermission> OWNER_DIR = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private final Path dir;

    KeyDirectory(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    Path roleDir(String role) {
        if (!ROLE.matcher(role).matches()) {
            throw new IllegalArgumentException("role name '" + role + "' must be 1-64 characters of a-z, 0-9 and '-'");
        }
        return dir.resolve(role);
    }

    /** Stores a key of a role, creating the role's directory with mode 0700. Never replaces a file. */
    Path store(String role, TufSigner signer) throws IOException {
        Path roleDir = roleDir(role);
        // Only directories made here are restricted: --keys may name a directory the user keeps other things in.
        for (Path created : DurableFiles.createDirectories(roleDir)) {
            Files.setPosixFilePermissions(created, OWNER_DIR);
        }
        Files.setPosixFilePermissions(roleDir, OWNER_DIR);
        Path file = roleDir.resolve(signer.keyId() + SUFFIX);
        if (!Files.exists(file)) {
            signer.store(file);
        }
        return file;
    }

    /** Every usable key of a role, by key id; none if the role has no directory. */
    TreeMap<String, TufSigner> load(String role) throws IOException, PublishException {
        TreeMap<String, TufSigner> keys = new TreeMap<>();
        Path roleDir = roleDir(role);
        if (!Files.isDirectory(roleDir)) {
            return keys;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(roleDir, "*" + SUFFIX)) {
            for (Path file : files) {
                try {
                    TufSigner signer = TufSigner.load(file);
                    keys.put(signer.keyId(), signer);
                } catch (IllegalArgumentException e) {
                    throw new PublishException("key file " + file + ": " + e.getMessage(), e);
                }
            }
        }
        return keys;
    }

    /**
     * The keys of a role among {@code authorized}, at least {@code threshold} of them, from the role's directory
     * and {@code extra} (keys not stored yet).
     *
     * @throws PublishException naming the role, the directory and the key ids it needs if too few are there
     */
    List<TufSigner> signers(String role, Collection<String> authorized, int threshold, Collection<TufSigner> extra)
            throws IOException, PublishException {
        List<TufSigner> found = new ArrayList<>();
        TreeMap<String, TufSigner> all = load(role);
        extra.forEach(s -> all.put(s.keyId(), s));
        for (TufSigner signer : all.values()) {
            if (authorized.contains(signer.keyId())) {
                found.add(signer);
            }
        }
        if (found.size() < threshold) {
            throw new PublishException("role " + role + " needs " + threshold + " of its keys " + authorized
                    + " to sign, but " + roleDir(role) + " holds " + found.size() + " of them");
        }
        return found;
    }

    /** Takes a revoked key out of use, keeping the file as evidence. */
    void retire(String role, String keyId, java.time.Instant when) throws IOException {
        Path file = roleDir(role).resolve(keyId + SUFFIX);
        if (Files.exists(file)) {
            DurableFiles.moveAside(file, "revoked", String.valueOf(when.getEpochSecond()));
        }
    }
}
