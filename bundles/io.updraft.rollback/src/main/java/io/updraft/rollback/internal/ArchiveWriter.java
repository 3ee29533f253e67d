package io.updraft.rollback.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Date;
import java.util.Set;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

import io.updraft.install.InstallException;

/**
 * Writes a snapshot archive: {@code snapshot.json}, then every manifest entry in order, each file's bytes hashed on
 * the way and compared with the manifest. The file is synced before this returns.
 */
final class ArchiveWriter {
    /** A configuration or data file changed between listing and copying; the snapshot is taken again. */
    static final class SourceChanged extends Exception {
        private static final long serialVersionUID = 1L;

        SourceChanged(String message) {
            super(message);
        }
    }

    /** Size and hash of the archive file written. */
    record Written(long bytes, String sha256) {
    }

    private ArchiveWriter() {
    }

    static Written write(Path file, InnerManifest m, Path slot, int level)
            throws IOException, InstallException, SourceChanged {
        MessageDigest fileDigest = Hashes.sha256();
        Files.deleteIfExists(file);
        long bytes;
        try (FileChannel ch = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            // Snapshots hold configuration, which may hold secrets: owner-only.
            OutputStream out = new DigestOutputStream(
                    new BufferedOutputStream(Channels.newOutputStream(ch), Hashes.BUFFER), fileDigest);
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new ZstdCompressorOutputStream(
                    new KeepOpen(out), level), "UTF-8")) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                tar.setAddPaxHeadersForNonAsciiNames(true);
                Date stamp = Date.from(m.created());
                byte[] json = m.toJson();
                TarArchiveEntry head = new TarArchiveEntry(InnerManifest.NAME);
                head.setSize(json.length);
                head.setMode(0600);
                head.setModTime(stamp);
                tar.putArchiveEntry(head);
                tar.write(json);
                tar.closeArchiveEntry();
                for (ManifestEntry e : m.entries()) {
                    if (e.archived()) {
                        entry(tar, e, stamp, m, slot);
                    }
                }
                tar.finish();
            }
            out.flush();
            bytes = ch.size();
            ch.force(true);
        }
        return new Written(bytes, Hashes.hex(fileDigest));
    }

    private static void entry(TarArchiveOutputStream tar, ManifestEntry e, Date stamp, InnerManifest m, Path slot)
            throws IOException, InstallException, SourceChanged {
        TarArchiveEntry t = ManifestEntry.LINK.equals(e.type())
                ? new TarArchiveEntry(e.tarName(), TarConstants.LF_SYMLINK) : new TarArchiveEntry(e.tarName());
        t.setMode(e.mode());
        t.setModTime(stamp);
        if (e.uid() >= 0) {
            t.setUserId(e.uid());
            t.setGroupId(e.gid());
        }
        if (ManifestEntry.LINK.equals(e.type())) {
            t.setLinkName(e.linkTarget());
        }
        t.setSize(e.length());
        tar.putArchiveEntry(t);
        if (e.hasContent()) {
            copy(tar, e, source(e, slot), slot, m);
        }
        tar.closeArchiveEntry();
    }

    private static Path source(ManifestEntry e, Path slot) {
        if (ManifestEntry.IMAGE.equals(e.type())) {
            return slot;
        }
        return e.name().startsWith("slot/") ? slot.resolve(e.origin()) : Path.of(e.origin());
    }

    /** Copies exactly the manifest's length; a shorter, longer or different source fails the snapshot. */
    private static void copy(OutputStream out, ManifestEntry e, Path source, Path slotRoot, InnerManifest m)
            throws IOException, InstallException, SourceChanged {
        boolean image = ManifestEntry.IMAGE.equals(e.type());
        boolean slot = image || e.name().startsWith("slot/");
        String where = "component " + m.component() + ", slot " + slotRoot;
        byte[] buffer = new byte[Hashes.BUFFER];
        // Images are read through links (partitions by label); tree entries never are.
        try (InputStream raw = image ? Files.newInputStream(source)
                : Files.newInputStream(source, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            HashingInput in = new HashingInput(raw, e.length());
            int n;
            while ((n = in.read(buffer, 0, buffer.length)) > 0) {
                out.write(buffer, 0, n);
            }
            // A partition is larger than its image; a file must end where the manifest says.
            boolean longer = !image && raw.read() >= 0;
            String sha = in.sha256();
            if (in.count() != e.length() || longer || !sha.equals(e.sha256())) {
                String what = (longer ? "grew beyond " : "holds " + in.count() + " of ") + e.length()
                        + " bytes with sha256 " + sha + ", expected " + e.sha256();
                if (slot) {
                    throw ManifestPlanner.mismatch(where, image ? "" : e.origin(), what);
                }
                throw new SourceChanged(source + " changed while the snapshot was taken: " + what);
            }
        } catch (java.nio.file.NoSuchFileException e2) {
            if (slot) {
                throw ManifestPlanner.mismatch(where, image ? "" : e.origin(), "is missing");
            }
            throw new SourceChanged(source + " vanished while the snapshot was taken");
        }
    }

    /** Lets the compressor finish its frame without closing the file, which is synced afterwards. */
    private static final class KeepOpen extends java.io.FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
