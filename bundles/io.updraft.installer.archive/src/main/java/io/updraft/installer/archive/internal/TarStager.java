package io.updraft.installer.archive.internal;

import java.io.IOException;
import java.io.InputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import io.updraft.install.InstallException;
import io.updraft.install.InstallException.Reason;

/**
 * Extracts a tar stream through a {@link SlotWriter}: regular files, directories and symbolic links only; every
 * other entry type is refused by name before anything of it is written.
 */
final class TarStager {
    private TarStager() {
    }

    /**
     * @param tar the uncompressed tar stream
     * @param archive the archive's name in the payload, for messages
     */
    static void extract(InputStream tar, SlotWriter writer, String archive)
            throws InstallException, InterruptedException {
        TarArchiveInputStream in = new BoundedTarInputStream(tar);
        TarArchiveEntry entry;
        while ((entry = next(in, archive)) != null) {
            String name = entry.getName();
            byte flag = entry.getLinkFlag();
            switch (flag) {
                case TarConstants.LF_LINK:
                    throw EntryPath.unsafe(name, "is a hard link (to '" + entry.getLinkName() + "')");
                case TarConstants.LF_CHR:
                    throw EntryPath.unsafe(name, "is a character device");
                case TarConstants.LF_BLK:
                    throw EntryPath.unsafe(name, "is a block device");
                case TarConstants.LF_FIFO:
                    throw EntryPath.unsafe(name, "is a FIFO");
                case TarConstants.LF_SYMLINK:
                    writer.symlink(EntryPath.parse(name), entry.getLinkName(), name);
                    break;
                case TarConstants.LF_DIR:
                    writer.directory(EntryPath.parse(name), entry.getMode(), name);
                    break;
                case TarConstants.LF_NORMAL:
                case TarConstants.LF_OLDNORM:
                case TarConstants.LF_CONTIG:
                    regular(in, entry, writer);
                    break;
                default:
                    throw EntryPath.unsafe(name, "has the unsupported entry type '" + (char) flag + "'");
            }
        }
    }

    private static void regular(TarArchiveInputStream in, TarArchiveEntry entry, SlotWriter writer)
            throws InstallException, InterruptedException {
        String name = entry.getName();
        if (entry.isSparse()) {
            throw EntryPath.unsafe(name, "is a sparse file, which is not supported");
        }
        if (entry.getLinkFlag() == TarConstants.LF_OLDNORM && name.endsWith("/")) {
            // Pre-POSIX archives mark directories by the trailing slash alone.
            writer.directory(EntryPath.parse(name), entry.getMode(), name);
            return;
        }
        writer.file(EntryPath.parse(name), entry.getMode(), entry.getSize(), in, name);
    }

    private static TarArchiveEntry next(TarArchiveInputStream in, String archive) throws InstallException {
        try {
            return in.getNextEntry();
        } catch (BoundedTarInputStream.MetadataTooLarge e) {
            throw EntryPath.unsafe(e.entry, e.getMessage());
        } catch (IOException | IllegalArgumentException e) {
            throw new InstallException(Reason.BAD_PACKAGE, "payload archive " + archive
                    + " is not a readable tar archive: " + e.getMessage(), e);
        }
    }
}
