package io.updraft.rollback.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

import io.updraft.install.InstallException;
import io.updraft.install.InstallException.Reason;

/**
 * Reads a snapshot archive against its inner manifest: the manifest first, then each entry in manifest order with
 * the same name, type, mode, length, link target and hash; nothing more. Any difference or damage is
 * {@code NO_SNAPSHOT} naming the snapshot and the entry. Failures of the visitor (the restore's writes) pass as
 * they are.
 */
final class ArchiveReader {
    /** Receives the manifest and each entry; {@code content} is null for entries without bytes. */
    interface Visitor {
        default void manifest(InnerManifest m) throws InstallException, IOException {
        }

        default void entry(ManifestEntry e, InputStream content) throws InstallException, IOException {
        }
    }

    static final Visitor CHECK_ONLY = new Visitor() {
    };

    private ArchiveReader() {
    }

    /** @param where names the snapshot in messages */
    static InnerManifest read(Path archive, String where, Visitor visitor) throws InstallException, IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive), Hashes.BUFFER);
                TarArchiveInputStream tar = new TarArchiveInputStream(new ZstdCompressorInputStream(raw), "UTF-8")) {
            TarArchiveEntry first = next(tar, where);
            if (first == null || !first.isFile() || !InnerManifest.NAME.equals(first.getName())) {
                throw bad(where, "does not start with " + InnerManifest.NAME);
            }
            if (first.getSize() > InnerManifest.MAX_BYTES) {
                throw bad(where, "has a " + first.getSize() + " byte " + InnerManifest.NAME);
            }
            byte[] json;
            try {
                json = tar.readNBytes((int) first.getSize());
            } catch (IOException e) {
                throw damaged(where, InnerManifest.NAME, e);
            }
            if (json.length != first.getSize()) {
                throw bad(where, "is truncated in " + InnerManifest.NAME);
            }
            InnerManifest m = InnerManifest.parse(json, where);
            visitor.manifest(m);
            for (ManifestEntry e : m.entries()) {
                if (!e.archived()) {
                    visitor.entry(e, null);
                    continue;
                }
                TarArchiveEntry t = next(tar, where);
                if (t == null) {
                    throw bad(where, "ends before entry '" + e.name() + "'");
                }
                checkHeader(t, e, where);
                if (!e.hasContent()) {
                    visitor.entry(e, null);
                    continue;
                }
                HashingInput in = new HashingInput(tar, e.length());
                try {
                    visitor.entry(e, in);
                    in.drain();
                } catch (HashingInput.Damaged d) {
                    throw damaged(where, e.name(), d);
                }
                String sha = in.sha256();
                if (in.count() != e.length() || !sha.equals(e.sha256())) {
                    throw bad(where, "entry '" + e.name() + "' holds " + in.count() + " bytes with sha256 " + sha
                            + ", its manifest says " + e.length() + " bytes with " + e.sha256());
                }
            }
            TarArchiveEntry extra = next(tar, where);
            if (extra != null) {
                throw bad(where, "holds entry '" + extra.getName() + "', which its manifest does not list");
            }
            return m;
        }
    }

    private static void checkHeader(TarArchiveEntry t, ManifestEntry e, String where) throws InstallException {
        String type = t.isSymbolicLink() ? ManifestEntry.LINK : t.isDirectory() ? ManifestEntry.DIR
                : t.isFile() && !t.isLink() ? ManifestEntry.FILE : "special (tar type '" + (char) t.getLinkFlag() + "')";
        String expected = ManifestEntry.IMAGE.equals(e.type()) ? ManifestEntry.FILE : e.type();
        if (!t.getName().equals(e.tarName()) || !type.equals(expected)) {
            throw bad(where, "holds " + type + " '" + t.getName() + "' where its manifest lists " + e.type() + " '"
                    + e.tarName() + "'");
        }
        if ((t.getMode() & Unix.MODE_BITS) != e.mode() || (e.hasContent() && t.getSize() != e.length())) {
            throw bad(where, "entry '" + e.name() + "' has mode " + Integer.toOctalString(t.getMode() & Unix.MODE_BITS)
                    + " and " + t.getSize() + " bytes, its manifest says " + Integer.toOctalString(e.mode()) + " and "
                    + e.length());
        }
        if (ManifestEntry.LINK.equals(e.type()) && !t.getLinkName().equals(e.linkTarget())) {
            throw bad(where, "link '" + e.name() + "' points to '" + t.getLinkName() + "', its manifest says '"
                    + e.linkTarget() + "'");
        }
    }

    private static TarArchiveEntry next(TarArchiveInputStream tar, String where) throws InstallException {
        try {
            return tar.getNextEntry();
        } catch (IOException e) {
            throw damaged(where, "its next entry", e);
        }
    }

    private static InstallException damaged(String where, String entry, IOException e) {
        return new InstallException(Reason.NO_SNAPSHOT, where + " is damaged: reading " + entry + " failed: "
                + e.getMessage(), e);
    }

    static InstallException bad(String where, String what) {
        return new InstallException(Reason.NO_SNAPSHOT, where + ": " + what);
    }
}
