package io.updraft.telemetry.command.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.util.converter.Converters;

import io.updraft.logstore.internal.FileLogStore;
import io.updraft.logstore.internal.LogStoreConfig;
import io.updraft.telemetry.Category;
import io.updraft.telemetry.TelemetryEvents;
import io.updraft.telemetry.internal.TelemetryComponent;
import io.updraft.telemetry.internal.TelemetryConfig;

/** The commands against the real telemetry runtime on a temporary home. */
public class CommandsTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path home;
    private TelemetryComponent telemetry;
    private FileLogStore store;

    @Before
    public void setUp() throws Exception {
        home = tmp.newFolder("home").toPath();
        telemetry = open();
    }

    private TelemetryComponent open() throws Exception {
        if (store == null) {
            store = new FileLogStore(Converters.standardConverter().convert(Map.of("home", home.toString(),
                    "minFreeBytes", "0", "minFreePercent", "0")).to(LogStoreConfig.class));
        }
        return new TelemetryComponent(Converters.standardConverter().convert(Map.of("home", home.toString(),
                "storedWithoutAnonymizer", "ota"))
                .to(TelemetryConfig.class), store);
    }

    @After
    public void tearDown() throws Exception {
        telemetry.deactivate();
        store.close();
    }

    private ConsentCommand consent(String... args) {
        ConsentCommand c = new ConsentCommand();
        c.consent = telemetry;
        c.noFormat = true;
        for (String a : args) {
            switch (a) {
                case "--grant":
                    c.grant = true;
                    break;
                case "--withdraw":
                    c.withdraw = true;
                    break;
                case "--all":
                    c.all = true;
                    break;
                default:
                    c.categories.add(a);
            }
        }
        return c;
    }

    private static String run(ConsentCommand c) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        c.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private String status() {
        StatusCommand s = new StatusCommand();
        s.telemetry = telemetry;
        s.consent = telemetry;
        s.noFormat = true;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        s.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    public void showsDefaultsThenGrantsAndWithdrawsDurably() throws Exception {
        String shown = run(consent());
        assertTrue(shown, shown.lines().anyMatch(l -> l.matches("usage *\tyes *\tdefault off *\t- *\t-")));
        assertTrue(shown, shown.lines().anyMatch(l -> l.matches("ota *\tno *\tdefault on *\t- *\t-")));

        String granted = run(consent("--grant", "usage", "location,performance"));
        assertTrue(granted, granted.lines().anyMatch(l -> l.matches("usage *\tyes *\tgranted *\t20.* *\t1")));
        assertTrue(granted, granted.lines().anyMatch(l -> l.matches("performance *\tno *\tgranted.*")));

        telemetry.publish(TelemetryEvents.draft("t", 1, Category.OTA, "x", Map.of()));
        String withdrawn = run(consent("--withdraw", "--all"));
        for (Category c : Category.values()) {
            assertTrue(withdrawn, withdrawn.lines().anyMatch(l -> l.startsWith(c.id()) && l.contains("withdrawn")));
        }
        assertEquals(0, telemetry.status().stored().get(Category.OTA).events());
        // After a restart of the telemetry runtime the decisions are read back.
        telemetry.deactivate();
        telemetry = open();
        assertFalse(telemetry.allowed(Category.OTA));
    }

    @Test
    public void mistakesNameTheBadValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(consent("--grant", "gps")));
        assertTrue(e.getMessage(), e.getMessage().contains("'gps'"));
        assertThrows(IllegalArgumentException.class, () -> run(consent("--grant", "--withdraw", "usage")));
        assertThrows(IllegalArgumentException.class, () -> run(consent("usage")));
        assertThrows(IllegalArgumentException.class, () -> run(consent("--grant")));
        assertThrows(IllegalArgumentException.class, () -> run(consent("--grant", "--all", "usage")));
    }

    @Test
    public void statusListsCollectorsStoreAndConsent() throws Exception {
        telemetry.publish(TelemetryEvents.draft("t", 1, Category.OTA, "x", Map.of("k", "v")));
        telemetry.publish(TelemetryEvents.draft("t", 1, Category.OTA, "x", Map.of("k", "v")));
        String out = status();
        assertTrue(out, out.lines().anyMatch(l -> l.matches("usage *\tusage *\t15m *\t- *\t0 *\t0 *\t-")));
        assertTrue(out, out.lines().anyMatch(l -> l.matches("ota *\tdefault on *\t2 *\t[1-9][0-9]*")));
        assertTrue(out, out.lines().anyMatch(l -> l.matches("location *\tdefault off *\t0 *\t0")));
        assertTrue(out, out.contains("Policy version 1; anonymizer not available: only the categories allowed in "
                + "storedWithoutAnonymizer are stored"));
        assertFalse(out, out.contains("|"));
    }
}
