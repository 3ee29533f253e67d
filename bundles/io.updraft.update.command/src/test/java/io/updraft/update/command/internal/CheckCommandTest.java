package io.updraft.update.command.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.util.converter.Converters;

import io.updraft.state.internal.DeviceStateComponent;
import io.updraft.update.CheckResult;
import io.updraft.update.DeviceBusyException;
import io.updraft.update.InstalledComponent;
import io.updraft.update.Offer;
import io.updraft.update.Release;
import io.updraft.update.SourceException;
import io.updraft.update.StateException;
import io.updraft.update.UpdateChecker;
import io.updraft.update.UpdateState;
import io.updraft.update.Version;

public class CheckCommandTest {
    private static final Instant AT = Instant.parse("2026-06-01T12:00:00Z");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private CheckCommand command;
    private DeviceStateComponent state;
    /** What the checker answers next: a result, or an exception to throw. */
    private Object answer;

    @Before
    public void setUp() throws Exception {
        state = new DeviceStateComponent(Converters.standardConverter()
                .convert(Map.of("home", tmp.newFolder("home").toPath().toString())).to(DeviceStateComponent.Config.class));
        state.recordInstalled(new InstalledComponent("app", Version.parse("1.2.0"), AT));
        command = new CheckCommand();
        command.state = state;
        command.checker = new UpdateChecker() {
            @Override
            public CheckResult check() throws SourceException, StateException {
                if (answer instanceof SourceException) {
                    throw (SourceException) answer;
                }
                if (answer instanceof StateException) {
                    throw (StateException) answer;
                }
                return (CheckResult) answer;
            }

            @Override
            public Optional<CheckResult> lastCheck() {
                return Optional.empty();
            }
        };
    }

    private String run() throws StateException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        command.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static Offer offer(String component, String version, String deltaBase, long length) {
        Release r = new Release(component, Version.parse(version), null, null,
                deltaBase == null ? Release.Kind.FULL : Release.Kind.DELTA, deltaBase == null ? null : Version.parse(deltaBase));
        return new Offer(r, "production", component + ".updraft", length, Map.of("sha256", "0".repeat(64)), null, null, "archive");
    }

    @Test
    public void listsUpdatesWithInstalledVersionKindAndSize() throws Exception {
        answer = new CheckResult("production", AT, List.of(offer("app", "1.3.0", "1.2.0", 1536),
                offer("diag-tool", "0.2.0", null, 5 * 1024 * 1024)), List.of("nav 1.0.0: made for products [headset], not 'robot'"), "");
        command.noFormat = true;
        String out = run();
        assertTrue(out, out.startsWith("Source 'production' checked at 2026-06-01T12:00:00Z: 2 updates"));
        assertTrue(out, out.lines().anyMatch(l -> l.matches("app *\t1\\.2\\.0 *\t1\\.3\\.0 *\tdelta from 1\\.2\\.0 *\t *1\\.5 KiB")));
        assertTrue(out, out.lines().anyMatch(l -> l.matches("diag-tool *\t- *\t0\\.2\\.0 *\tfull *\t *5\\.0 MiB")));
        assertTrue(out, out.contains("1 offered releases not taken; --verbose shows why."));
        assertFalse(out, out.contains("headset"));
    }

    @Test
    public void verboseListsWhyReleasesWereNotTaken() throws Exception {
        answer = new CheckResult("staging", AT, List.of(), List.of("app 1.1.0: not newer than installed 1.2.0",
                "nav 1.0.0: made for products [headset], not 'robot'"), "");
        command.verbose = true;
        String out = run();
        assertTrue(out, out.startsWith("Source 'staging' checked at 2026-06-01T12:00:00Z: no updates"));
        assertTrue(out, out.contains("app 1.1.0: not newer than installed 1.2.0"));
        assertTrue(out, out.contains("nav 1.0.0: made for products [headset], not 'robot'"));
        assertTrue(out, out.contains("Not taken"));
        assertFalse(out, out.contains("--verbose shows why"));
    }

    @Test
    public void failedCheckFailsTheCommandWithCodeAndMessage() {
        SourceException cause = new SourceException("expired", "timestamp.json expired at 2026-05-01T00:00:00Z", false, null);
        answer = cause;
        IllegalStateException e = assertThrows(IllegalStateException.class, this::run);
        assertEquals("update check failed [expired]: timestamp.json expired at 2026-05-01T00:00:00Z", e.getMessage());
        assertSame(cause, e.getCause());
    }

    @Test
    public void busyDeviceFailsTheCommandNamingTheState() {
        answer = new DeviceBusyException(UpdateState.INSTALLING, "not checking for updates: the device is busy in update state INSTALLING");
        StateException e = assertThrows(StateException.class, this::run);
        assertTrue(e.getMessage(), e.getMessage().contains("INSTALLING"));
    }

    @Test
    public void sizesAreInBinaryUnits() {
        assertEquals("0 B", Sizes.human(0));
        assertEquals("1023 B", Sizes.human(1023));
        assertEquals("1.0 KiB", Sizes.human(1024));
        assertEquals("1.0 GiB", Sizes.human(1L << 30));
        assertEquals("8.0 EiB", Sizes.human(Long.MAX_VALUE));
    }
}
