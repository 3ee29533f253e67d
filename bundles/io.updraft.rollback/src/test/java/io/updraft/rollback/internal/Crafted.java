package io.updraft.rollback.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

import io.updraft.install.Snapshot;
import io.updraft.install.StagedSlot;

/**
 * Plants hand-made snapshots, as someone with write access to the snapshot folder could: any manifest, any tar
 * entries, and a record whose size and hash match the planted archive.
 */
final class Crafted {
    /** A tar entry and its bytes (null for directories and links). */
    record Entry(TarArchiveEntry header, byte[] content) {
    }

    private Crafted() {
    }

    static TarArchiveEntry file(String name, int length, int mode) {
        TarArchiveEntry t = new TarArchiveEntry(name, true);
        t.setSize(length);
        t.setMode(mode);
        return t;
    }

    static Snapshot plant(Path home, String id, InnerManifest m, StagedSlot slot, List<Entry> entries)
            throws IOException {
        Path dir = home.resolve("snapshots").resolve(m.component());
        Files.createDirectories(dir);
        Path archive = dir.resolve(id + ".tar.zst");
        try (OutputStream out = Files.newOutputStream(archive);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new ZstdCompressorOutputStream(out))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            byte[] json = m.toJson();
            tar.putArchiveEntry(file(InnerManifest.NAME, json.length, 0600));
            tar.write(json);
            tar.closeArchiveEntry();
            for (Entry e : entries) {
                tar.putArchiveEntry(e.header());
                if (e.content() != null) {
                    tar.write(e.content());
                }
                tar.closeArchiveEntry();
            }
        }
        return record(home, id, m, slot);
    }

    /** (Re)writes the record of an archive so that it matches the archive's current bytes. */
    static Snapshot record(Path home, String id, InnerManifest m, StagedSlot slot) throws IOException {
        Path dir = home.resolve("snapshots").resolve(m.component());
        Path archive = dir.resolve(id + ".tar.zst");
        Snapshot s = new Snapshot(id, m.component(), m.version(), m.installKind(), m.created(), Files.size(archive),
                Hashes.ofFile(archive), List.of("slot", "config"));
        Files.write(dir.resolve(id + ".json"), new SnapshotRecord(s, slot, m.configPaths(), m.dataPaths()).toJson());
        return s;
    }
}
