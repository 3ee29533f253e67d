package io.updraft.device.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class PersistedDeviceIdTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-02T03:04:05.678Z"), ZoneOffset.UTC);
    private static final DeviceId ID = new DeviceId("00112233445566778899aabbccddeeff", DeviceId.MAC);

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void savesAndLoadsIdWithSourceCreatingMissingDirectories() throws Exception {
        Path home = tmp.getRoot().toPath().resolve("a/b/home");
        PersistedDeviceId store = new PersistedDeviceId(home, CLOCK);
        assertFalse(store.load().isPresent());

        store.save(ID);
        assertEquals(ID.id() + " mac\n", Files.readString(home.resolve("state/device-id")));
        PersistedDeviceId.Entry entry = store.load().orElseThrow();
        assertEquals(ID, entry.id());
        assertFalse(entry.legacy());
    }

    @Test
    public void bareIdIsTheLegacyGeneratedFormat() throws Exception {
        Path home = tmp.getRoot().toPath();
        Files.createDirectories(home.resolve("state"));
        Files.writeString(home.resolve("state/device-id"), " " + ID.id() + "\r\n");

        PersistedDeviceId.Entry entry = new PersistedDeviceId(home, CLOCK).load().orElseThrow();
        assertEquals(new DeviceId(ID.id(), DeviceId.GENERATED), entry.id());
        assertTrue(entry.legacy());
    }

    @Test
    public void corruptFilesAreMovedAsideUnderTheTimestampNeverOverwritingEarlierOnes() throws Exception {
        Path home = tmp.getRoot().toPath();
        Path state = Files.createDirectories(home.resolve("state"));
        PersistedDeviceId store = new PersistedDeviceId(home, CLOCK);

        Files.writeString(state.resolve("device-id"), "first");
        assertFalse(store.load().isPresent());
        Files.writeString(state.resolve("device-id"), "second");
        assertFalse(store.load().isPresent());

        assertFalse(Files.exists(state.resolve("device-id")));
        assertEquals("first", Files.readString(state.resolve("device-id.corrupt-20240102T030405Z"),
                StandardCharsets.US_ASCII));
        assertEquals("second", Files.readString(state.resolve("device-id.corrupt-20240102T030405Z-1"),
                StandardCharsets.US_ASCII));
    }
}
