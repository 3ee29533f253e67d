package io.updraft.rollback.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.fs.BlockDevices;
import io.updraft.install.InstallException;
import io.updraft.install.InstallException.Reason;

/**
 * Where a snapshot image may be restored. The partition cases use a 4 MiB loop device named through a link, as
 * {@code /dev/disk/by-partlabel} names partitions; attaching one needs root (it cannot be done in an unprivileged
 * namespace), so those cases are skipped elsewhere. The other refusals need no privileges.
 */
public class ImageTargetTest {
    private static final int DEVICE_BYTES = 4 << 20;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path device;
    private Path mountPoint;

    @After
    public void detach() throws Exception {
        if (mountPoint != null) {
            run("umount", mountPoint.toString());
        }
        if (device != null) {
            run("losetup", "-d", device.toString());
        }
    }

    @Test
    public void aCharacterDeviceIsRefused() throws Exception {
        Path slot = Files.createSymbolicLink(tmp.getRoot().toPath().resolve("slot.img"), Path.of("/dev/null"));
        assertRefused(slot, 1024, "/dev/null", "a character device");
    }

    /** With a time limit: opening a pipe to write would wait for a reader forever. */
    @Test(timeout = 30_000)
    public void aPipeAndADirectoryAreRefused() throws Exception {
        Path fifo = tmp.getRoot().toPath().resolve("pipe");
        assumeTrue("mkfifo works here", run("mkfifo", fifo.toString()).startsWith("0:"));
        assertRefused(fifo, 1024, fifo.toString(), "a named pipe");
        assertRefused(tmp.newFolder("dir").toPath(), 1024, "dir", "a directory");
    }

    @Test
    public void aMissingPartitionDoesNotBecomeAFile() throws Exception {
        Path missing = Path.of("/dev/updraft-no-such-partition");
        assertRefused(missing, 1024, missing.toString(), "does not exist");
        assertFalse(Files.exists(missing));
    }

    @Test
    public void aMountedPartitionIsNeverWritten() throws Exception {
        Path slot = attach();
        assumeTrue("mkfs.ext4 works here", run("mkfs.ext4", "-q", device.toString()).startsWith("0:"));
        mountPoint = tmp.newFolder("mnt").toPath();
        assumeTrue("mount works here", run("mount", device.toString(), mountPoint.toString()).startsWith("0:"));
        byte[] before = readDevice();

        InstallException e = assertRefused(slot, 1 << 20, device.toString(), "mounted on " + mountPoint);
        assertTrue(e.getMessage(), e.getMessage().contains("partition " + slot));
        assertArrayEquals("the file system is untouched", before, readDevice());
    }

    @Test
    public void aPartitionInUseAsSwapOrHeldIsNeverWritten() throws Exception {
        Path slot = attach();
        String name = device.getFileName().toString();
        Path mounts = Files.writeString(tmp.newFile("mounts").toPath(), "/dev/root / ext4 rw 0 0\n");
        Path swaps = Files.writeString(tmp.newFile("swaps").toPath(),
                "Filename Type Size Used Priority\n" + device + " partition 4092 0 -2\n");
        Path sys = tmp.newFolder("sys").toPath();
        BlockDevices tables = new BlockDevices(mounts, swaps, sys);
        InstallException swap = refused(slot, 1024, tables);
        assertEquals(Reason.STAGE_FAILED, swap.reason());
        assertTrue(swap.getMessage(), swap.getMessage().contains(device + ") is in use as swap"));

        Files.writeString(swaps, "Filename Type Size Used Priority\n");
        Files.createDirectories(sys.resolve(name).resolve("holders/dm-3"));
        InstallException held = refused(slot, 1024, tables);
        assertTrue(held.getMessage(), held.getMessage().contains(device + ") is held by dm-3"));
        assertArrayEquals("nothing written", new byte[DEVICE_BYTES], readDevice());
    }

    @Test
    public void aPartitionSmallerThanTheImageIsRefused() throws Exception {
        Path slot = attach();
        InstallException e = assertRefused(slot, DEVICE_BYTES + 1L, device.toString(), DEVICE_BYTES + " bytes");
        assertTrue(e.getMessage(), e.getMessage().contains((DEVICE_BYTES + 1L) + " bytes, more than"));
        assertArrayEquals("nothing written", new byte[DEVICE_BYTES], readDevice());
    }

    @Test
    public void aFreePartitionThatFitsIsWrittenInPlaceAndReadBack() throws Exception {
        Path slot = attach();
        byte[] image = new byte[DEVICE_BYTES];
        new Random(5).nextBytes(image);
        java.security.MessageDigest d = Hashes.sha256();
        d.update(image);
        ImageTarget target = ImageTarget.open(slot, image.length);
        target.write(new ByteArrayInputStream(image));
        target.finish(new ManifestEntry("slot.img", ManifestEntry.IMAGE, 0, image.length, Hashes.hex(d), "", "", -1, -1));
        assertArrayEquals(image, readDevice());
        assertTrue("the link still names the partition", Files.isSymbolicLink(slot));
    }

    private Path attach() throws Exception {
        assumeTrue("loop devices need root",
                (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0);
        Path backing = tmp.newFile("disk.img").toPath();
        try (RandomAccessFile f = new RandomAccessFile(backing.toFile(), "rw")) {
            f.setLength(DEVICE_BYTES);
        }
        String out = run("losetup", "-f", "--show", backing.toString());
        assumeTrue("losetup works here: " + out, out.startsWith("0:/dev/loop"));
        device = Path.of(out.substring(2));
        return Files.createSymbolicLink(tmp.getRoot().toPath().resolve("system_b"), device);
    }

    private static InstallException assertRefused(Path slot, long length, String names, String why) throws Exception {
        InstallException e = refused(slot, length, new BlockDevices());
        assertEquals(Reason.STAGE_FAILED, e.reason());
        assertTrue(e.getMessage() + " names " + names, e.getMessage().contains(names));
        assertTrue(e.getMessage() + " says " + why, e.getMessage().contains(why));
        return e;
    }

    private static InstallException refused(Path slot, long length, BlockDevices devices) throws Exception {
        try {
            ImageTarget.open(slot, length, devices).abort();
            fail("opened " + slot + " for an image of " + length + " bytes");
            return null;
        } catch (InstallException e) {
            return e;
        }
    }

    private byte[] readDevice() throws IOException {
        byte[] all = new byte[DEVICE_BYTES];
        try (RandomAccessFile f = new RandomAccessFile(device.toFile(), "r")) {
            f.readFully(all);
        }
        return all;
    }

    /** Runs a command; returns "exit:output". */
    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return p.waitFor() + ":" + out;
    }
}
