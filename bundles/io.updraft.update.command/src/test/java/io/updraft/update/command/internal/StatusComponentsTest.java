package io.updraft.update.command.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.util.converter.Converters;

import io.updraft.install.ComponentState;
import io.updraft.install.InstallProgressView;
import io.updraft.install.InstallRecord;
import io.updraft.install.InstallService;
import io.updraft.install.ServiceStatus;
import io.updraft.install.Snapshot;
import io.updraft.product.DeviceIdentity;
import io.updraft.state.internal.DeviceStateComponent;
import io.updraft.update.Version;

/** {@code ota:status} with an installer: the components' slots, versions, services and snapshots. */
public class StatusComponentsTest {
    private static final Instant AT = Instant.parse("2026-06-01T12:00:00Z");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private StatusCommand command;

    /** Only what ota:status reads; everything else is not asked. */
    private static InstallService installer(List<ComponentState> components) {
        return new InstallService() {
            @Override
            public InstallRecord installFile(Path packageFile, String repositoryId, String by) {
                throw new AssertionError();
            }

            @Override
            public InstallRecord commit(String by) {
                throw new AssertionError();
            }

            @Override
            public InstallRecord rollback(String component, String snapshotId, String by) {
                throw new AssertionError();
            }

            @Override
            public List<InstallRecord> history(int limit) {
                throw new AssertionError();
            }

            @Override
            public Optional<InstallProgressView> progress() {
                throw new AssertionError();
            }

            @Override
            public List<ComponentState> components() {
                return components;
            }
        };
    }

    @Before
    public void setUp() throws Exception {
        command = new StatusCommand();
        command.state = new DeviceStateComponent(Converters.standardConverter()
                .convert(Map.of("home", tmp.newFolder("home").toString())).to(DeviceStateComponent.Config.class));
        DeviceIdentity id = new DeviceIdentity("0123abcd", "generated", "robot", "configured", "hw-2");
        command.device = () -> id;
        command.noFormat = true;
    }

    private String run() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        command.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    public void showsEachComponentsSlotsServicesAndNewestSnapshot() {
        command.installer = installer(List.of(
                new ComponentState("app", "archive", "b", Version.parse("1.1.0"), Version.parse("1.0.0"), List.of(
                        new ServiceStatus("app", "web", "systemd", true, 42, AT, 0, "active/running"),
                        new ServiceStatus("app", "worker", "systemd", false, -1, null, 0, "failed/failed")),
                        List.of(new Snapshot("app-1.0.0-20260601T120000Z", "app", Version.parse("1.0.0"), "archive", AT,
                                2048, "ab".repeat(32), List.of("slot", "config")),
                                new Snapshot("app-0.9.0-20260501T120000Z", "app", Version.parse("0.9.0"), "archive", AT,
                                        2048, "cd".repeat(32), List.of("slot")))),
                new ComponentState("firmware", "image", "", null, null, List.of(), List.of())));
        String out = run();
        assertTrue(out, out.lines().anyMatch(l -> l.matches("app *\tarchive *\tb *\t1\\.1\\.0 *\t1\\.0\\.0 *\t"
                + "1/2 \\(worker down\\) *\tapp-1\\.0\\.0-20260601T120000Z *")));
        assertTrue(out, out.lines().anyMatch(l -> l.matches("firmware *\timage *\t- *\t- *\t- *\t- *\t- *")));
        assertFalse(out, out.contains("app-0.9.0"));
    }

    @Test
    public void withoutInstallerOrSlotsSaysSo() {
        assertFalse(run().contains("slots"));
        command.installer = installer(List.of());
        assertTrue(run().contains("No component has slots yet."));
        assertEquals("2/2", ComponentsView.services(List.of(
                new ServiceStatus("a", "x", "supervisor", true, 1, AT, 0, ""),
                new ServiceStatus("a", "y", "supervisor", true, 2, AT, 0, ""))));
        assertEquals("-", ComponentsView.services(List.of()));
    }
}
