package io.updraft.installer.image.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.install.ComponentSpec;
import io.updraft.install.InstallException;
import io.updraft.install.InstallException.Reason;
import io.updraft.install.StagedSlot;

/**
 * Images written into a real partition: a 4 MiB loop device. Needs root and losetup (attaching loop devices cannot
 * be done in an unprivileged namespace), so it is skipped elsewhere.
 */
public class LoopDeviceTest {
    private static final int DEVICE_BYTES = 4 << 20;
    private static final byte[] IMAGE = Images.random(1 << 20, 11);

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final ImageInstaller installer = new ImageInstaller();
    private Path device;
    private Path mountPoint;
    private Path payloads;
    private ComponentSpec spec;

    @Before
    public void attach() throws Exception {
        assumeTrue("loop devices need root", Images.isRoot());
        Path backing = tmp.newFile("disk.img").toPath();
        Files.write(backing, new byte[DEVICE_BYTES]);
        Images.Result loop = Images.run("losetup", "-f", "--show", backing.toString());
        assumeTrue("losetup works here: " + loop.output(), loop.exit() == 0);
        device = Path.of(loop.output());
        payloads = tmp.newFolder("staging").toPath();
        // Declared through a link, as /dev/disk/by-partlabel names are.
        Path byLabel = Files.createSymbolicLink(tmp.getRoot().toPath().resolve("system_b"), device);
        spec = Images.spec(Map.of("a", tmp.getRoot().toPath().resolve("system_a.img"), "b", byLabel), Map.of());
    }

    @After
    public void detach() throws Exception {
        if (mountPoint != null) {
            Images.run("umount", mountPoint.toString());
        }
        if (device != null) {
            Images.run("losetup", "-d", device.toString());
        }
    }

    @Test
    public void anImageIsWrittenIntoThePartitionAndReadBack() throws Exception {
        Path slot = installer.slot(spec, tmp.getRoot().toPath(), "b");
        StagedSlot staged = installer.stage(spec, Images.payload(payloads, "system.img.zst", IMAGE), slot, (d, t) -> { });
        assertEquals(IMAGE.length, staged.entries().get(0).length());
        assertArrayEquals(IMAGE, Arrays.copyOf(readDevice(), IMAGE.length));
        installer.verify(spec, staged, slot);

        try (FileChannel ch = FileChannel.open(device, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {(byte) (IMAGE[4096] ^ 0x80)}), 4096);
            ch.force(true);
        }
        try {
            installer.verify(spec, staged, slot);
            fail("verified a changed partition");
        } catch (InstallException e) {
            assertEquals(Reason.VERIFY_FAILED, e.reason());
        }
        installer.clear(spec, slot);
        assertTrue("a partition is left as it is", Files.exists(device));
    }

    @Test
    public void anImageLargerThanThePartitionIsRefused() throws Exception {
        Path slot = installer.slot(spec, tmp.getRoot().toPath(), "b");
        InstallException raw = stageFails(Images.payload(payloads, "big.img", new byte[DEVICE_BYTES + 1]), slot);
        assertEquals(Reason.BAD_PACKAGE, raw.reason());
        assertTrue(raw.getMessage(), raw.getMessage().contains(device.toString()));
        assertArrayEquals("nothing written", new byte[DEVICE_BYTES], readDevice());

        InstallException packed = stageFails(Images.payload(payloads, "big.img.zst", new byte[DEVICE_BYTES + 4096]), slot);
        assertEquals(Reason.BAD_PACKAGE, packed.reason());
        assertTrue(packed.getMessage(), packed.getMessage().contains(device.toString()));
    }

    @Test
    public void aMountedPartitionIsNeverWritten() throws Exception {
        Images.Result mkfs = Images.run("mkfs.ext4", "-q", device.toString());
        assumeTrue("mkfs.ext4 works here: " + mkfs.output(), mkfs.exit() == 0);
        mountPoint = tmp.newFolder("mnt").toPath();
        Images.Result mount = Images.run("mount", device.toString(), mountPoint.toString());
        assumeTrue("mount works here: " + mount.output(), mount.exit() == 0);

        Path slot = installer.slot(spec, tmp.getRoot().toPath(), "b");
        InstallException e = stageFails(Images.payload(payloads, "system.img", IMAGE), slot);
        assertEquals(Reason.STAGE_FAILED, e.reason());
        assertTrue(e.getMessage(), e.getMessage().contains(device.toString())
                && e.getMessage().contains("mounted on " + mountPoint));
        assertFalse("no image bytes on the device",
                Arrays.equals(Arrays.copyOf(IMAGE, 65536), Arrays.copyOf(readDevice(), 65536)));
    }

    private InstallException stageFails(io.updraft.install.Payload payload, Path slot) throws Exception {
        try {
            installer.stage(spec, payload, slot, (d, t) -> { });
            fail("staged " + payload.files());
            return null;
        } catch (InstallException e) {
            return e;
        }
    }

    private byte[] readDevice() throws IOException {
        try (FileChannel ch = FileChannel.open(device, StandardOpenOption.READ)) {
            ByteBuffer all = ByteBuffer.allocate(DEVICE_BYTES);
            while (all.hasRemaining() && ch.read(all) >= 0) {
                // Reads until the buffer is full.
            }
            return all.array();
        }
    }
}
