package io.updraft.update.command.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.util.converter.Converters;

import io.updraft.product.DeviceIdentity;
import io.updraft.state.internal.DeviceStateComponent;
import io.updraft.update.CheckResult;
import io.updraft.update.InstalledComponent;
import io.updraft.update.UpdateState;
import io.updraft.update.Version;

public class StatusCommandTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path home;
    private StatusCommand command;

    @Before
    public void setUp() throws Exception {
        home = tmp.newFolder("home").toPath();
        command = commandOn(home);
    }

    private StatusCommand commandOn(Path home) throws Exception {
        StatusCommand c = new StatusCommand();
        c.state = new DeviceStateComponent(Converters.standardConverter()
                .convert(Map.of("home", home.toString())).to(DeviceStateComponent.Config.class));
        DeviceIdentity id = new DeviceIdentity("0123abcd", "generated", "headset", "detected:headset", "hw-2");
        c.device = () -> id;
        return c;
    }

    private String run(StatusCommand c) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        c.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    public void freshDeviceShowsIdentityIdleAndNoComponents() {
        String out = run(command);
        assertTrue(out, out.contains("0123abcd (generated)"));
        assertTrue(out, out.contains("headset (detected:headset)"));
        assertTrue(out, out.contains("hw-2"));
        assertTrue(out, out.contains("IDLE"));
        assertTrue(out, out.contains("No components recorded."));
    }

    @Test
    public void showsTheLastCheckAsStored() throws Exception {
        assertTrue(run(command), run(command).contains("never"));
        command.state.recordCheck(new CheckResult("staging", Instant.parse("2026-10-02T09:30:00Z"),
                List.of(), List.of(), "unreachable: connection refused"));
        String out = run(commandOn(home));
        assertTrue(out, out.contains("2026-10-02T09:30:00Z from source 'staging', failed: unreachable: connection refused"));
        command.state.recordCheck(new CheckResult("production", Instant.parse("2026-10-02T10:00:00Z"),
                List.of(), List.of(), ""));
        assertTrue(run(command).contains("2026-10-02T10:00:00Z from source 'production', 0 updates"));
    }

    @Test
    public void showsComponentsAndUpdateAsStoredAcrossRestart() throws Exception {
        command.state.recordInstalled(new InstalledComponent("nav-stack", Version.parse("3.0.0+b7"), Instant.parse("2026-10-01T08:00:00Z")));
        command.state.transition(UpdateState.CHECKING, "rel-42", "scheduled check");

        // What a field engineer sees after a restart comes from disk, not memory.
        String out = run(commandOn(home));
        assertTrue(out, out.contains("nav-stack"));
        assertTrue(out, out.contains("3.0.0+b7"));
        assertTrue(out, out.contains("2026-10-01T08:00:00Z"));
        assertTrue(out, out.contains("CHECKING"));
        assertTrue(out, out.contains("rel-42"));
        assertTrue(out, out.contains("scheduled check"));
    }

    @Test
    public void noFormatPrintsTabSeparatedRowsWithoutBorders() throws Exception {
        command.state.recordInstalled(new InstalledComponent("app", Version.parse("1.0.0"), Instant.parse("2026-10-01T08:00:00Z")));
        command.noFormat = true;
        String out = run(command);
        assertFalse(out, out.contains("|"));
        assertFalse(out, out.contains("--+--"));
        assertTrue(out, out.lines().anyMatch(l -> l.matches("app *\t1\\.0\\.0 *\t2026-10-01T08:00:00Z")));
    }

    @Test
    public void listsRecoveredStateFiles() throws Exception {
        Path other = tmp.newFolder("damaged").toPath();
        Files.createDirectories(other.resolve("state"));
        Files.writeString(other.resolve("state/device.json"), "garbage");
        String out = run(commandOn(other));
        assertTrue(out, out.contains("Recovered at"));
        assertTrue(out, out.contains("device.json"));
        assertEquals(out, 1, out.lines().filter(l -> l.contains("device.json")).count());
    }
}
