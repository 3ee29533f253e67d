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

import io.updraft.fs.BlockDevices;
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

    static ImageTarget open(Path target, long length) throws IOException, InstallException {
        return open(target, length, new BlockDevices());
    }

    /**
     * Opens the slot for an image of {@code length} bytes. A partition is written in place, so it is checked first
     * the way the image installer checks it: it must be a block device nothing uses and large enough. Anything else
     * that is not a regular file (a character device, a pipe, a directory) is refused.
     */
    static ImageTarget open(Path target, long length, BlockDevices devices) throws IOException, InstallException {
        if (Files.exists(target)) {
            Path real = target.toRealPath();
            BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class);
            if (BlockDevices.isBlockDevice(real)) {
                return new ImageTarget(real, null, openPartition(target, length, devices));
            }
            if (!a.isRegularFile()) {
                throw new InstallException(Reason.STAGE_FAILED, "image slot " + target + " (" + real + ") is "
                        + kind(real, a) + ", neither a regular file nor a block device; nothing was written");
            }
            target = real;
        } else if (target.toAbsolutePath().normalize().startsWith("/dev")) {
            // A missing partition must not become a file that quietly fills the device file system.
            throw new InstallException(Reason.STAGE_FAILED, "partition " + target
                    + " does not exist or is not a block device; nothing was written");
        } else {
            DurableFiles.createDirectories(target.toAbsolutePath().getParent());
        }
        Path temp = target.resolveSibling(target.getFileName() + ".updraft-restore");
        Files.deleteIfExists(temp);
        FileChannel ch = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return new ImageTarget(target, temp, ch);
    }

    private static FileChannel openPartition(Path target, long length, BlockDevices devices)
            throws IOException, InstallException {
        BlockDevices.Device device = devices.probe(target);
        String use = devices.inUse(device);
        if (use != null) {
            throw new InstallException(Reason.STAGE_FAILED, "partition " + target + " (" + device.path() + ") is "
                    + use + "; a snapshot is never restored into a device in use");
        }
        if (length > device.size()) {
            throw new InstallException(Reason.STAGE_FAILED, "the snapshot image has " + length + " bytes, more than "
                    + "partition " + target + " (" + device.path() + ", " + device.size() + " bytes) holds");
        }
        return FileChannel.open(device.path(), StandardOpenOption.WRITE);
    }

    private static String kind(Path real, BasicFileAttributes a) throws IOException {
        if (a.isDirectory()) {
            return "a directory";
        }
        int type = (Integer) Files.getAttribute(real, "unix:mode") & 0170000;
        switch (type) {
            case 0020000:
                return "a character device";
            case 0010000:
                return "a named pipe";
            case 0140000:
                return "a socket";
            default:
                return "of file type " + Integer.toOctalString(type);
        }
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
