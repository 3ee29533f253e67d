package io.updraft.rollback.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import io.updraft.fs.DurableFiles;
import io.updraft.install.InstallException;
import io.updraft.install.InstallException.Reason;

/**
 * Where a restored image goes: a slot file is written beside itself and renamed over it; a partition (a block
 * device, possibly named through a link) is written in place from its first byte and synced. Either way the bytes
 * are read back and compared before the restore counts as done.
 */
final class ImageTarget {
    private final Path target;
    private final Path temp;
    private final FileChannel channel;

    private ImageTarget(Path target, Path temp, FileChannel channel) {
        this.target = target;
        this.temp = temp;
        this.channel = channel;
    }

    static ImageTarget open(Path target) throws IOException, InstallException {
        if (Files.exists(target)) {
            Path real = target.toRealPath();
            BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class);
            if (a.isOther()) {
                return new ImageTarget(real, null, FileChannel.open(real, StandardOpenOption.WRITE));
            }
            if (!a.isRegularFile()) {
                throw new InstallException(Reason.STAGE_FAILED, "image slot " + target
                        + " is neither a file nor a block device");
            }
            target = real;
        } else {
            DurableFiles.createDirectories(target.toAbsolutePath().getParent());
        }
        Path temp = target.resolveSibling(target.getFileName() + ".updraft-restore");
        Files.deleteIfExists(temp);
        FileChannel ch = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return new ImageTarget(target, temp, ch);
    }

    void write(InputStream content) throws IOException {
        byte[] buffer = new byte[Hashes.BUFFER];
        int n;
        while ((n = content.read(buffer)) > 0) {
            ByteBuffer b = ByteBuffer.wrap(buffer, 0, n);
            while (b.hasRemaining()) {
                channel.write(b);
            }
        }
    }

    /** Syncs, puts a slot file in place, and reads the image back. */
    void finish(ManifestEntry e) throws IOException, InstallException {
        channel.force(true);
        channel.close();
        if (temp != null) {
            Unix.setMode(temp, e.mode() == 0 ? 0600 : e.mode());
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            DurableFiles.syncDirectory(target.toAbsolutePath().getParent());
        }
        try (FileChannel ch = FileChannel.open(target, StandardOpenOption.READ)) {
            HashingInput in = new HashingInput(Channels.newInputStream(ch), e.length());
            in.drain();
            String sha = in.sha256();
            if (in.count() != e.length() || !sha.equals(e.sha256())) {
                throw new InstallException(Reason.VERIFY_FAILED, "image slot " + target + " reads back " + in.count()
                        + " bytes with sha256 " + sha + " after the restore, expected " + e.length() + " bytes with "
                        + e.sha256());
            }
        }
    }

    /** Undoes what can be undone: a slot file's temporary copy goes; a partition keeps the partial write. */
    void abort() throws IOException {
        channel.close();
        if (temp != null) {
            Files.deleteIfExists(temp);
        }
    }
}
