package io.updraft.publisher.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.updraft.fs.DurableFiles;
import io.updraft.tuf.CanonicalJson;
import io.updraft.tuf.Hex;
import io.updraft.tuf.SignedMetadata;
import io.updraft.tuf.TufSigner;
import io.updraft.verifier.PackageFormat;
import io.updraft.verifier.PackageManifest;
import io.updraft.verifier.ReleaseDescriptor;

/**
 * Builds a package file ({@link PackageFormat}) in two passes so memory stays bounded for payloads of any size:
 * the first hashes every payload file for the manifest, the second streams them into the archive, hashing
 * again so a file changed in between fails the build. The archive is deterministic: entries in a fixed order,
 * every time stamp the manifest's creation time, owner root (0/0), and compressors without time stamps.
 */
final class PackageWriter {
    private static final int FILE_TYPE = 0100000;

    private PackageWriter() {
    }

    /** First pass: the manifest of the files. */
    static PackageManifest manifest(ReleaseDescriptor release, Instant created, List<PayloadFile> files)
            throws IOException {
        List<PackageManifest.PackageFile> entries = new ArrayList<>();
        for (PayloadFile f : files) {
            Digests d = Digests.of(f.source());
            entries.add(new PackageManifest.PackageFile(f.path(), d.length(), d.sha256(), f.mode()));
        }
        return new PackageManifest(release, created, entries);
    }

    /** The detached signature entry: {@code {"signatures": [{"keyid", "sig"}]}} over the canonical manifest. */
    static byte[] signature(PackageManifest manifest, List<TufSigner> signers) {
        SignedMetadata signed = SignedMetadata.sign(manifest.toJson(), signers);
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        ArrayNode list = json.putArray("signatures");
        for (SignedMetadata.Signature s : signed.signatures()) {
            list.addObject().put("keyid", s.keyId()).put("sig", s.sig());
        }
        return CanonicalJson.encode(json);
    }

    /**
     * Second pass: writes the package to {@code out} through a temporary file in the same directory, renamed
     * into place only when complete; on failure nothing is left. Never replaces an existing file.
     */
    static void write(Path out, PackageManifest manifest, byte[] signature, List<PayloadFile> files,
            Compression compression) throws IOException, PublishException {
        Path dir = out.toAbsolutePath().getParent();
        Path temp = dir.resolve("." + out.getFileName() + ".tmp");
        if (Files.exists(out, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new PublishException("package file " + out + " exists already; choose another --out");
        }
        Files.deleteIfExists(temp);
        boolean done = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream raw = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                try (TarArchiveOutputStream tar = new TarArchiveOutputStream(compression.compress(raw))) {
                    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                    Date mtime = Date.from(manifest.created());
                    put(tar, PackageFormat.MANIFEST, CanonicalJson.encode(manifest.toJson()), mtime);
                    put(tar, PackageFormat.SIGNATURE, signature, mtime);
                    for (int i = 0; i < files.size(); i++) {
                        copy(tar, files.get(i), manifest.files().get(i), mtime);
                    }
                    tar.finish();
                    tar.flush();
                    // Closing the tar closes the channel; force first so the rename publishes complete data.
                    channel.force(true);
                }
            }
            try {
                // A link, unlike a rename, fails if a file of that name appeared meanwhile.
                Files.createLink(out, temp);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                throw new PublishException("package file " + out + " exists already; choose another --out", e);
            }
            Files.delete(temp);
            DurableFiles.syncDirectory(dir);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private static TarArchiveEntry entry(String name, long size, int mode, Date mtime) {
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setSize(size);
        e.setMode(FILE_TYPE | mode);
        e.setModTime(mtime);
        e.setIds(0, 0);
        e.setUserName("root");
        e.setGroupName("root");
        return e;
    }

    private static void put(TarArchiveOutputStream tar, String name, byte[] content, Date mtime) throws IOException {
        tar.putArchiveEntry(entry(name, content.length, 0644, mtime));
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static void copy(TarArchiveOutputStream tar, PayloadFile file, PackageManifest.PackageFile listed,
            Date mtime) throws IOException, PublishException {
        tar.putArchiveEntry(entry(PackageFormat.PAYLOAD_PREFIX + listed.path(), listed.length(), listed.mode(), mtime));
        MessageDigest sha256 = Digests.digest("SHA-256");
        long copied = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file.source())) {
            for (int n; (n = in.read(buf)) > 0;) {
                if (copied + n > listed.length()) {
                    throw changed(file);
                }
                tar.write(buf, 0, n);
                sha256.update(buf, 0, n);
                copied += n;
            }
        }
        if (copied != listed.length() || !Hex.encode(sha256.digest()).equals(listed.sha256())) {
            throw changed(file);
        }
        tar.closeArchiveEntry();
    }

    private static PublishException changed(PayloadFile file) {
        return new PublishException("payload file " + file.source() + " changed while the package was written");
    }
}
