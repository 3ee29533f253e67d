package io.updraft.installer.image.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import io.updraft.fs.DurableFiles;
import io.updraft.fs.Space;
import io.updraft.install.InstallException;
import io.updraft.install.InstallException.Reason;
import io.updraft.install.PayloadFile;

/**
 * Image slots that are files: written through a temporary file in the same folder and renamed into place, so the
 * slot file is absent or whole, never half an image.
 */
final class SlotFiles {
    private static final Set<OpenOption> CREATE = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS);

    ImageCopy.Written write(Path slot, PayloadFile image, long maxBytes, InputStream in, Runnable report)
            throws InstallException, InterruptedException {
        Path dir = slot.toAbsolutePath().getParent();
        Path temp = temp(slot);
        try {
            DurableFiles.createDirectories(dir);
            if (Files.isDirectory(slot, LinkOption.NOFOLLOW_LINKS)) {
                throw new InstallException(Reason.STAGE_FAILED, "slot " + slot + " is a folder, not an image file");
            }
            // The old inactive image goes first: its space is what the new one needs on a small device.
            delete(slot);
        } catch (IOException e) {
            throw WriteFailures.writing(slot, image.path(), e);
        }
        long free = Space.usable(dir);
        if (free >= 0 && free < image.length()) {
            throw new InstallException(Reason.NO_SPACE, "slot " + slot + " has " + free + " bytes free, image "
                    + image.path() + " needs at least " + image.length());
        }
        boolean done = false;
        try (FileChannel out = FileChannel.open(temp, CREATE,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            ImageCopy.Written written = ImageCopy.copy(in, out, maxBytes, "property " + ImageInstaller.MAX_BYTES,
                    slot, image.path(), n -> report.run());
            out.force(true);
            Files.move(temp, slot, StandardCopyOption.ATOMIC_MOVE);
            DurableFiles.syncDirectory(dir);
            done = true;
            return written;
        } catch (IOException e) {
            throw WriteFailures.writing(slot, image.path(), e);
        } finally {
            if (!done) {
                deleteQuietly(temp);
            }
        }
    }

    /** Removes the slot file and any temporary file a failed stage left, durably. */
    void delete(Path slot) throws IOException {
        boolean removed = Files.deleteIfExists(slot);
        removed |= Files.deleteIfExists(temp(slot));
        Path dir = slot.toAbsolutePath().getParent();
        if (removed && Files.isDirectory(dir)) {
            DurableFiles.syncDirectory(dir);
        }
    }

    private static Path temp(Path slot) {
        return slot.resolveSibling("." + slot.getFileName() + ".staging");
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // The next stage or clear removes it; the failure being reported matters more.
        }
    }
}
