package io.updraft.device.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.product.DeviceIdentity;

public class DeviceIdTest {
    private static final String MACHINE_ID = "3d1219c7c4c5404aaa1f6d2a48adfda4";
    // systemd-id128 machine-id --app-specific=4179306176a84fb9ac7ab6c0170ff6d7 on a machine with MACHINE_ID
    private static final String SYSTEMD_APP_SPECIFIC = "3f78bfa30f1443dea7e0aa1715e26b0f";
    private static final String OTHER_MACHINE_ID = "0123456789abcdef0123456789abcdef";
    private static final String KEEPING = "Keeping device ID";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private FakeSystem sys;

    @Before
    public void setUp() throws Exception {
        sys = new FakeSystem(tmp.getRoot().toPath());
    }

    private String persisted() throws IOException {
        return Files.readString(sys.deviceIdFile(), StandardCharsets.US_ASCII);
    }

    private List<Path> corruptCopies() throws IOException {
        try (Stream<Path> files = Files.list(sys.deviceIdFile().getParent())) {
            return files.filter(f -> f.getFileName().toString().startsWith("device-id.corrupt-")).sorted().toList();
        }
    }

    private void writeDeviceIdFile(byte[] content) throws IOException {
        Files.createDirectories(sys.deviceIdFile().getParent());
        Files.write(sys.deviceIdFile(), content);
    }

    // Derivation on first start

    @Test
    public void machineIdGivesTheSameAppSpecificIdAsSystemdAndIsPersistedWithItsSource() throws Exception {
        assertFalse(Files.exists(sys.home));
        DeviceIdentity id = sys.machineId(MACHINE_ID + "\n").start().identity();

        assertEquals(SYSTEMD_APP_SPECIFIC, id.deviceId());
        assertEquals("machine-id", id.deviceIdSource());
        assertFalse(id.deviceId().contains(MACHINE_ID));
        assertEquals(SYSTEMD_APP_SPECIFIC + " machine-id\n", persisted());
        assertFalse(Files.exists(sys.home.resolve("state/device-id.new")));
    }

    @Test
    public void derivedIdIsStableAcrossRestartsAndDiffersPerMachine() throws Exception {
        sys.machineId(MACHINE_ID);
        String first = sys.start().identity().deviceId();
        assertEquals(first, sys.start().identity().deviceId());

        sys.forgetDeviceId().machineId(OTHER_MACHINE_ID);
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
            sys.forgetDeviceId().machineId(bad);
            assertEquals("machine-id '" + bad + "'", "mac", sys.start().identity().deviceIdSource());
        }
    }

    @Test
    public void macIdIsHashedAndPersistedWithItsSource() throws Exception {
        sys.nic("eth0", "00:11:22:33:44:55", true);

        DeviceIdentity id = sys.start().identity();
        assertEquals("mac", id.deviceIdSource());
        assertTrue(id.deviceId().matches("[0-9a-f]{32}"));
        assertFalse(id.deviceId().contains("001122334455"));
        assertEquals(id.deviceId() + " mac\n", persisted());
        assertEquals(id.deviceId(), sys.start().identity().deviceId());
    }

    @Test
    public void macSkipsLoopbackVirtualZeroLocalAndBroadcast() throws Exception {
        sys.nic("eth1", "00:11:22:33:44:66", true);
        String expected = sys.start().identity().deviceId();

        sys.forgetDeviceId()
                .nic("a-zero", "00:00:00:00:00:00", true)
                .nic("b-local", "02:42:ac:11:00:02", true)
                .nic("c-broadcast", "ff:ff:ff:ff:ff:ff", true)
                .nic("d-virtual", "00:11:22:33:44:55", false)
                .nic("e-infiniband", "80:00:02:08:fe:80:00:00:00:00:00:00:00:11:22:33:44:55:66:77", true)
                .nic("lo", "00:11:22:33:44:00", true);
        assertEquals(expected, sys.start().identity().deviceId());
    }

    @Test
    public void firstPhysicalInterfaceByNameWinsOnFirstStart() throws Exception {
        sys.nic("wlan0", "00:11:22:33:44:77", true);
        String wlan = sys.start().identity().deviceId();
        sys.forgetDeviceId().nic("eth0", "00:11:22:33:44:55", true);
        String eth = sys.start().identity().deviceId();

        assertNotEquals(wlan, eth);
        assertEquals(eth, sys.start().identity().deviceId());
    }

    @Test
    public void generatedIdIsPersistedAndReused() throws Exception {
        sys.nic("veth0", "00:11:22:33:44:55", false);

        DeviceIdentity id = sys.start().identity();
        assertEquals("generated", id.deviceIdSource());
        assertTrue(id.deviceId().matches("[0-9a-f]{32}"));
        assertEquals(id.deviceId() + " generated\n", persisted());
        assertFalse(Files.exists(sys.home.resolve("state/device-id.new")));

        // A machine-id that turns up later does not replace the generated ID.
        DeviceIdentity again = sys.machineId(MACHINE_ID).start().identity();
        assertEquals(id.deviceId(), again.deviceId());
        assertEquals("generated", again.deviceIdSource());
    }

    // The persisted ID wins over whatever machine-id and MAC say later

    @Test
    public void persistedIdWinsOverAChangedMachineIdAndSaysSo() throws Exception {
        sys.machineId(MACHINE_ID).start();

        sys.machineId(OTHER_MACHINE_ID);
        try (LogCapture log = new LogCapture()) {
            DeviceIdentity id = sys.start().identity();
            assertEquals(SYSTEMD_APP_SPECIFIC, id.deviceId());
            assertEquals("machine-id", id.deviceIdSource());
            String other = AppSpecificId.derive(HexFormat.of().parseHex(OTHER_MACHINE_ID));
            assertTrue(log.text(), log.text().contains("INFO"));
            assertTrue(log.text(), log.text().contains(KEEPING + " " + SYSTEMD_APP_SPECIFIC));
            assertTrue(log.text(), log.text().contains(other));
        }
        assertEquals(SYSTEMD_APP_SPECIFIC + " machine-id\n", persisted());
    }

    @Test
    public void nothingIsSaidWhenTheLiveIdMatches() throws Exception {
        sys.machineId(MACHINE_ID).start();
        try (LogCapture log = new LogCapture()) {
            sys.start();
            assertFalse(log.text(), log.text().contains(KEEPING));
        }
    }

    @Test
    public void persistedMacIdWinsOverANewEarlierSortingInterface() throws Exception {
        sys.nic("eth0", "00:11:22:33:44:55", true);
        String eth = sys.start().identity().deviceId();

        // A USB Ethernet adapter plugged in later: enx... sorts before eth0.
        sys.nic("enx00e04c680001", "00:e0:4c:68:00:01", true);
        try (LogCapture log = new LogCapture()) {
            DeviceIdentity id = sys.start().identity();
            assertEquals(eth, id.deviceId());
            assertEquals("mac", id.deviceIdSource());
            assertTrue(log.text(), log.text().contains(KEEPING + " " + eth));
        }
        // Without the persisted ID the adapter would have given the device another identity.
        assertNotEquals(eth, sys.forgetDeviceId().start().identity().deviceId());
    }

    @Test
    public void macIdFromEarlyFirstBootSurvivesTheMachineIdBeingSet() throws Exception {
        sys.machineId("uninitialized\n").nic("eth0", "00:11:22:33:44:55", true);
        String mac = sys.start().identity().deviceId();

        DeviceIdentity id = sys.machineId(MACHINE_ID).start().identity();
        assertEquals(mac, id.deviceId());
        assertEquals("mac", id.deviceIdSource());
    }

    @Test
    public void persistedIdSurvivesLosingBothMachineIdAndMac() throws Exception {
        sys.machineId(MACHINE_ID).start();
        Files.delete(sys.root.resolve("etc/machine-id"));

        DeviceIdentity id = sys.start().identity();
        assertEquals(SYSTEMD_APP_SPECIFIC, id.deviceId());
        assertEquals("machine-id", id.deviceIdSource());
    }

    // The format of earlier versions: a bare generated ID

    @Test
    public void oldBareFormatIsReadAsGeneratedAndRewrittenWithItsSource() throws Exception {
        writeDeviceIdFile("00112233445566778899aabbccddeeff\n".getBytes(StandardCharsets.US_ASCII));

        DeviceIdentity id = sys.start().identity();
        assertEquals("00112233445566778899aabbccddeeff", id.deviceId());
        assertEquals("generated", id.deviceIdSource());
        assertEquals("00112233445566778899aabbccddeeff generated\n", persisted());

        // Rewritten, so a machine-id that turns up later no longer matters.
        assertEquals("00112233445566778899aabbccddeeff", sys.machineId(MACHINE_ID).start().identity().deviceId());
    }

    @Test
    public void oldBareFormatYieldsToTheMachineIdEarlierVersionsReportedOverIt() throws Exception {
        writeDeviceIdFile("00112233445566778899aabbccddeeff\n".getBytes(StandardCharsets.US_ASCII));

        DeviceIdentity id = sys.machineId(MACHINE_ID).start().identity();
        assertEquals(SYSTEMD_APP_SPECIFIC, id.deviceId());
        assertEquals("machine-id", id.deviceIdSource());
        assertEquals(SYSTEMD_APP_SPECIFIC + " machine-id\n", persisted());
    }

    // Damage and failures

    @Test
    public void corruptPersistedIdIsMovedAsideAndTheIdDerivedAnew() throws Exception {
        sys.machineId(MACHINE_ID);
        byte[][] corrupt = {
            { 'x', (byte) 0xff, 0 },
            new byte[0],
            (SYSTEMD_APP_SPECIFIC + " dmi\n").getBytes(StandardCharsets.US_ASCII),
            (SYSTEMD_APP_SPECIFIC.toUpperCase() + " machine-id\n").getBytes(StandardCharsets.US_ASCII),
            (SYSTEMD_APP_SPECIFIC + "  machine-id\n").getBytes(StandardCharsets.US_ASCII),
            (SYSTEMD_APP_SPECIFIC + " machine-id\n").repeat(10).getBytes(StandardCharsets.US_ASCII),
        };
        for (int i = 0; i < corrupt.length; i++) {
            writeDeviceIdFile(corrupt[i]);
            try (LogCapture log = new LogCapture()) {
                DeviceIdentity id = sys.start().identity();
                assertEquals(SYSTEMD_APP_SPECIFIC, id.deviceId());
                assertEquals("machine-id", id.deviceIdSource());
                assertTrue(log.text(), log.text().contains("WARN"));
            }
            assertEquals(SYSTEMD_APP_SPECIFIC + " machine-id\n", persisted());
            List<Path> kept = corruptCopies();
            assertEquals(i + 1, kept.size());
            boolean found = false;
            for (Path p : kept) {
                assertTrue(p.toString(),
                        p.getFileName().toString().matches("device-id\\.corrupt-\\d{8}T\\d{6}Z(-\\d+)?"));
                found |= Arrays.equals(corrupt[i], Files.readAllBytes(p));
            }
            assertTrue("copy of corrupt file " + i, found);
        }
    }

    @Test
    public void corruptPersistedIdWithoutMachineIdOrMacGetsANewGeneratedId() throws Exception {
        writeDeviceIdFile("not an id\n".getBytes(StandardCharsets.US_ASCII));

        DeviceIdentity id = sys.start().identity();
        assertEquals("generated", id.deviceIdSource());
        assertEquals(id.deviceId() + " generated\n", persisted());
        assertArrayEquals("not an id\n".getBytes(StandardCharsets.US_ASCII),
                Files.readAllBytes(corruptCopies().get(0)));
        assertEquals(id.deviceId(), sys.start().identity().deviceId());
    }

    @Test
    public void leftoverTempFileFromAnInterruptedWriteIsReplaced() throws Exception {
        Files.createDirectories(sys.home.resolve("state"));
        Files.writeString(sys.home.resolve("state/device-id.new"), "half");

        assertEquals(SYSTEMD_APP_SPECIFIC, sys.machineId(MACHINE_ID).start().identity().deviceId());
        assertFalse(Files.exists(sys.home.resolve("state/device-id.new")));
        assertEquals(SYSTEMD_APP_SPECIFIC + " machine-id\n", persisted());
    }

    @Test
    public void activationFailsWhenTheIdCannotBePersisted() throws Exception {
        sys.machineId(MACHINE_ID);
        Files.writeString(sys.home, "a file where the home directory should be");

        assertThrows(IOException.class, sys::start);
    }

    @Test
    public void activationFailsWhenThePersistedIdCannotBeRead() throws Exception {
        sys.machineId(MACHINE_ID);
        Files.createDirectories(sys.deviceIdFile());

        assertThrows(IOException.class, sys::start);
        assertTrue(Files.isDirectory(sys.deviceIdFile()));
        assertTrue(corruptCopies().isEmpty());
    }
}
