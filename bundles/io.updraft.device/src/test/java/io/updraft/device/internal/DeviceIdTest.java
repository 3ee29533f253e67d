package io.updraft.device.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.product.DeviceIdentity;

public class DeviceIdTest {
    private static final String MACHINE_ID = "3d1219c7c4c5404aaa1f6d2a48adfda4";
    // systemd-id128 machine-id --app-specific=4179306176a84fb9ac7ab6c0170ff6d7 on a machine with MACHINE_ID
    private static final String SYSTEMD_APP_SPECIFIC = "3f78bfa30f1443dea7e0aa1715e26b0f";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private FakeSystem sys;

    @Before
    public void setUp() throws Exception {
        sys = new FakeSystem(tmp.getRoot().toPath());
    }

    @Test
    public void machineIdGivesTheSameAppSpecificIdAsSystemd() throws Exception {
        DeviceIdentity id = sys.machineId(MACHINE_ID + "\n").start().identity();

        assertEquals(SYSTEMD_APP_SPECIFIC, id.deviceId());
        assertEquals("machine-id", id.deviceIdSource());
        assertFalse(id.deviceId().contains(MACHINE_ID));
        assertFalse(Files.exists(sys.home.resolve("state/device-id")));
    }

    @Test
    public void idIsStableAcrossRestartsAndDiffersPerMachine() throws Exception {
        sys.machineId(MACHINE_ID);
        String first = sys.start().identity().deviceId();
        assertEquals(first, sys.start().identity().deviceId());

        sys.machineId("0123456789abcdef0123456789abcdef");
        assertNotEquals(first, sys.start().identity().deviceId());
    }

    @Test
    public void dbusMachineIdIsUsedWhenEtcHasNone() throws Exception {
        sys.file("var/lib/dbus/machine-id", MACHINE_ID.toUpperCase());

        DeviceIdentity id = sys.start().identity();
        assertEquals(SYSTEMD_APP_SPECIFIC, id.deviceId());
        assertEquals("machine-id", id.deviceIdSource());
    }

    @Test
    public void invalidMachineIdsFallToMac() throws Exception {
        sys.nic("eth0", "00:11:22:33:44:55", true);
        for (String bad : new String[] { "", "uninitialized\n", "0".repeat(32), "xyz", MACHINE_ID + "00" }) {
            sys.machineId(bad);
            assertEquals("machine-id '" + bad + "'", "mac", sys.start().identity().deviceIdSource());
        }
    }

    @Test
    public void macIdIsHashedAndStable() throws Exception {
        sys.nic("eth0", "00:11:22:33:44:55", true);

        DeviceIdentity id = sys.start().identity();
        assertEquals("mac", id.deviceIdSource());
        assertTrue(id.deviceId().matches("[0-9a-f]{32}"));
        assertFalse(id.deviceId().contains("001122334455"));
        assertEquals(id.deviceId(), sys.start().identity().deviceId());
    }

    @Test
    public void macSkipsLoopbackVirtualZeroLocalAndBroadcast() throws Exception {
        sys.nic("eth1", "00:11:22:33:44:66", true);
        String expected = sys.start().identity().deviceId();

        sys.nic("a-zero", "00:00:00:00:00:00", true)
                .nic("b-local", "02:42:ac:11:00:02", true)
                .nic("c-broadcast", "ff:ff:ff:ff:ff:ff", true)
                .nic("d-virtual", "00:11:22:33:44:55", false)
                .nic("e-infiniband", "80:00:02:08:fe:80:00:00:00:00:00:00:00:11:22:33:44:55:66:77", true)
                .nic("lo", "00:11:22:33:44:00", true);
        assertEquals(expected, sys.start().identity().deviceId());
    }

    @Test
    public void firstPhysicalInterfaceByNameWins() throws Exception {
        sys.nic("wlan0", "00:11:22:33:44:77", true);
        String wlan = sys.start().identity().deviceId();
        sys.nic("eth0", "00:11:22:33:44:55", true);
        String eth = sys.start().identity().deviceId();

        assertNotEquals(wlan, eth);
        assertEquals(eth, sys.start().identity().deviceId());
    }

    @Test
    public void generatedIdIsPersistedAndReused() throws Exception {
        sys.nic("veth0", "00:11:22:33:44:55", false);

        DeviceIdentity id = sys.start().identity();
        assertEquals("generated", id.deviceIdSource());
        assertEquals(id.deviceId() + "\n", Files.readString(sys.home.resolve("state/device-id")));
        assertFalse(Files.exists(sys.home.resolve("state/device-id.new")));
        assertEquals(id.deviceId(), sys.start().identity().deviceId());
    }

    @Test
    public void persistedIdWinsOverRegeneration() throws Exception {
        Files.createDirectories(sys.home.resolve("state"));
        Files.writeString(sys.home.resolve("state/device-id"), "00112233445566778899aabbccddeeff\n");

        assertEquals("00112233445566778899aabbccddeeff", sys.start().identity().deviceId());
    }

    @Test
    public void corruptPersistedIdIsReplaced() throws Exception {
        Files.createDirectories(sys.home.resolve("state"));
        Files.write(sys.home.resolve("state/device-id"), new byte[] { 'x', (byte) 0xff, 0 });

        String id = sys.start().identity().deviceId();
        assertTrue(id.matches("[0-9a-f]{32}"));
        assertEquals(id + "\n", Files.readString(sys.home.resolve("state/device-id")));
        assertEquals(id, sys.start().identity().deviceId());
    }
}
