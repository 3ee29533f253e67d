package io.updraft.fs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** How a device in use is recognised, from kernel tables written by the test. */
public class BlockDevicesTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path mounts;
    private Path swaps;
    private Path sys;
    private BlockDevices devices;
    private final BlockDevices.Device disk = new BlockDevices.Device(Path.of("/dev/updraftdisk0"), "updraftdisk0", -7, 1 << 30);
    private final BlockDevices.Device part = new BlockDevices.Device(Path.of("/dev/updraftdisk0p2"), "updraftdisk0p2", -8, 1 << 20);

    @Before
    public void setUp() throws IOException {
        mounts = tmp.newFile("mounts").toPath();
        swaps = tmp.newFile("swaps").toPath();
        sys = tmp.newFolder("sys").toPath();
        Files.writeString(mounts, "proc /proc proc rw 0 0\n/dev/root / ext4 rw 0 0\n");
        Files.writeString(swaps, "Filename Type Size Used Priority\n");
        Files.createDirectories(sys.resolve("updraftdisk0/updraftdisk0p1"));
        Files.writeString(sys.resolve("updraftdisk0/updraftdisk0p1/partition"), "1\n");
        Files.createDirectories(sys.resolve("updraftdisk0p2/holders"));
        devices = new BlockDevices(mounts, swaps, sys);
    }

    @Test
    public void anUnusedDeviceIsFree() throws IOException {
        assertNull(devices.inUse(part));
        assertNull(devices.inUse(disk));
    }

    @Test
    public void aMountIsFoundWithEscapedNames() throws IOException {
        Files.writeString(mounts, "/dev/updraftdisk0p2 /media/my\\040disk vfat rw 0 0\n");
        assertEquals("mounted on /media/my disk", devices.inUse(part));
    }

    @Test
    public void aMountedPartitionMakesItsWholeDiskBusy() throws IOException {
        Files.writeString(mounts, "/dev/updraftdisk0p1 /data ext4 rw 0 0\n");
        assertEquals("mounted on /data", devices.inUse(disk));
    }

    @Test
    public void swapAndHoldersCount() throws IOException {
        Files.writeString(swaps, "Filename Type Size Used Priority\n/dev/updraftdisk0p2 partition 1024 0 -2\n");
        assertEquals("in use as swap", devices.inUse(part));
        Files.writeString(swaps, "Filename Type Size Used Priority\n");
        Files.createDirectories(sys.resolve("updraftdisk0p2/holders/dm-0"));
        assertEquals("held by dm-0", devices.inUse(part));
    }

    @Test
    public void withoutAMountTableNothingIsWritten() throws IOException {
        Files.delete(mounts);
        try {
            devices.inUse(part);
            fail("judged a device without the mount table");
        } catch (IOException e) {
            assertEquals(true, e.getMessage().contains(mounts.toString()));
        }
    }
}
