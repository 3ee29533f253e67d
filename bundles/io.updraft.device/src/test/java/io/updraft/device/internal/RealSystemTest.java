package io.updraft.device.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import java.util.Set;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.product.DeviceIdentity;

/** Reads this machine's real {@code /}; which source applies depends on the machine, so only the shape is checked. */
public class RealSystemTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void realRootGivesAnIdFromAKnownSource() throws Exception {
        DeviceIdentity identity = new DeviceInfoComponent(
                FakeSystem.config(Map.of("home", tmp.getRoot().getPath(), "systemRoot", "/"))).identity();

        assertTrue(identity.deviceId(), identity.deviceId().matches("[0-9a-f]{32}"));
        assertTrue(identity.deviceIdSource(), Set.of("machine-id", "mac", "generated")
                .contains(identity.deviceIdSource()));
        assertEquals("generic", identity.product());
        assertTrue(!identity.hardwareRevision().isEmpty());
    }
}
