package io.updraft.device.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.Test;

public class SettingsTest {

    private static void assertRejected(String value, Map<String, Object> properties) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Settings.of(FakeSystem.config(properties)));
        assertTrue(e.getMessage(), e.getMessage().contains("'" + value + "'"));
    }

    @Test
    public void defaults() {
        Settings settings = Settings.of(FakeSystem.config(Map.of()));
        assertEquals(Path.of("/var/lib/updraft"), settings.home());
        assertEquals(Path.of("/"), settings.systemRoot());
        assertTrue(settings.product().isEmpty());
        assertTrue(settings.hardwareRevision().isEmpty());
        assertEquals(List.of(Path.of("etc/machine-id"), Path.of("var/lib/dbus/machine-id")),
                settings.machineIdFiles());
        assertEquals("[wwan*, ppp*, rmnet*, usb*, wwp*]", settings.meteredInterfaces().toString());
        assertTrue(settings.meteredInterfaces().get(0).matches("wwan0"));
        assertTrue(!settings.meteredInterfaces().get(0).matches("wlan0"));
    }

    @Test
    public void rejectsBadProductNames() {
        for (String bad : new String[] { "Robot", "-robot", "robot arm", "a".repeat(33), "robot_2" }) {
            assertRejected(bad, Map.of("product", bad));
        }
        assertEquals("robot-2", Settings.of(FakeSystem.config(Map.of("product", "robot-2"))).product().get());
    }

    @Test
    public void rejectsRelativeOrEmptyPaths() {
        assertRejected("var/lib/updraft", Map.of("home", "var/lib/updraft"));
        assertRejected("", Map.of("home", ""));
        assertRejected("${updraft.home}", Map.of("home", "${updraft.home}"));
        assertRejected("root", Map.of("systemRoot", "root"));
    }

    @Test
    public void rejectsMachineIdFilesOutsideTheSystemRoot() {
        assertRejected("/etc/machine-id", Map.of("machineIdFiles", new String[] { "/etc/machine-id" }));
        assertRejected("etc/../../machine-id", Map.of("machineIdFiles", new String[] { "etc/../../machine-id" }));
    }

    @Test
    public void rejectsNonPrintableOrLongHardwareRevision() {
        assertRejected("rev\tB", Map.of("hardwareRevision", "rev\tB"));
        String longValue = "r".repeat(129);
        assertRejected(longValue, Map.of("hardwareRevision", longValue));
    }
}
