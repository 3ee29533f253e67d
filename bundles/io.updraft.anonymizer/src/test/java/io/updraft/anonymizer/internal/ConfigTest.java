package io.updraft.anonymizer.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.telemetry.Category;
import io.updraft.telemetry.TelemetryEvent;

public class ConfigTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final MutableClock clock = new MutableClock(Events.T0);

    private void assertRefused(String property, Object value, String... expected) {
        Map<String, Object> p = TestConfigs.with(TestConfigs.properties(tmp.getRoot().toPath()), property, value);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestConfigs.component(p, clock));
        assertTrue(e.getMessage(), e.getMessage().startsWith(AnonymizerComponent.PID + " " + property));
        for (String part : expected) {
            assertTrue(e.getMessage(), e.getMessage().contains(part));
        }
    }

    @Test
    public void badRulesAreRefusedNamingTheEntry() {
        assertRefused("rules", "serial SN-([0-9", "'serial SN-([0-9'", "not a valid regular expression");
        assertRefused("rules", "drop a; bukket age 10", "'bukket age 10'", "unknown rule kind 'bukket'");
        assertRefused("rules", "location *:lat *:lon 0", "grid size '0'");
        assertRefused("rules", "location *:lat *:lon -1", "grid size '-1'");
        assertRefused("rules", "location *:gps.lat *:lon 0.1", "same map");
        assertRefused("rules", "bucket *:age ten", "bucket width 'ten'");
        assertRefused("rules", "time *:at week", "time unit 'week'");
        assertRefused("rules", "drop usgae:user", "category 'usgae' is unknown");
        assertRefused("rules", "drop *:a..b", "'*:a..b'");
        assertRefused("rules", "drop", "drop takes TARGET");
        assertRefused("rules", "serial x*", "matches empty text");
        assertRefused("rules", "drop *:user; keep *:user", "conflicts with rule 'drop *:user'");
    }

    @Test
    public void badSettingsAreRefusedNamingPropertyAndValue() {
        assertRefused("k", 1, "k 1 is out of range 2-");
        assertRefused("k", 0, "k 0");
        assertRefused("keyPeriod", "P0D", "'P0D'");
        assertRefused("keyPeriod", "7 days", "'7 days'", "ISO-8601");
        assertRefused("home", "relative/dir", "'relative/dir'", "absolute");
        assertRefused("detectors", "email, fone", "detector 'fone' is unknown");
        assertRefused("detectors", "", "is empty");
        assertRefused("textIpMode", "hide", "textIpMode 'hide'");
        assertRefused("ipv4PrefixLength", 32, "ipv4PrefixLength 32");
        assertRefused("ipv6PrefixLength", 64, "ipv6PrefixLength 64");
        assertRefused("quasiIdentifiers", "nowhere:x", "'nowhere:x'");
    }

    @Test
    public void shippedConfigFileParsesAndMatchesTheDefaults() throws Exception {
        Path cfg = Path.of("../../config/io.updraft.anonymizer.cfg");
        Properties file = new Properties();
        try (var in = Files.newBufferedReader(cfg)) {
            file.load(in);
        }
        Map<String, Object> p = new HashMap<>();
        file.forEach((k, v) -> p.put((String) k, v));
        p.put("home", tmp.getRoot().toString());
        Settings shipped = Settings.of(TestConfigs.config(p));
        Settings defaults = Settings.of(TestConfigs.config(Map.of("home", tmp.getRoot().toString())));
        assertEquals(defaults.rules().fields(), shipped.rules().fields());
        assertEquals(defaults.rules().droppedEvents(), shipped.rules().droppedEvents());
        assertEquals(defaults.rules().locations().stream().map(LocationRule::source).toList(),
                shipped.rules().locations().stream().map(LocationRule::source).toList());
        assertEquals(defaults.rules().serials().get(0).pattern().pattern(),
                shipped.rules().serials().get(0).pattern().pattern());
        assertEquals(defaults.detectors(), shipped.detectors());
        assertEquals(defaults.quasiIdentifiers(), shipped.quasiIdentifiers());
        assertEquals(defaults.k(), shipped.k());
        assertEquals(defaults.keyPeriod(), shipped.keyPeriod());
    }

    @Test
    public void reconfigurationTakesEffectWithoutRestart() {
        Map<String, Object> p = TestConfigs.properties(tmp.getRoot().toPath());
        AnonymizerComponent a = TestConfigs.component(p, clock);
        TelemetryEvent e = Events.event(Category.USAGE, "updraft.usage.session", Map.of("age", 34L, "screen", "home"));
        assertEquals(34L, a.anonymize(e).orElseThrow().fields().get("age"));
        a.modified(TestConfigs.config(TestConfigs.with(p, "rules", "bucket usage:age 10; dropEvent crash")));
        assertEquals("30-39", a.anonymize(e).orElseThrow().fields().get("age"));
        assertTrue(a.anonymize(Events.event(Category.CRASH, "updraft.crash.report", Map.of("x", "y"))).isEmpty());
    }

    @Test
    public void faultyReconfigurationIsRefusedAndTheRulesInForceStay() {
        Map<String, Object> p = TestConfigs.properties(tmp.getRoot().toPath(), "bucket usage:age 10");
        AnonymizerComponent a = TestConfigs.component(p, clock);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> a.modified(TestConfigs.config(TestConfigs.with(p, "k", 1))));
        assertTrue(e.getMessage(), e.getMessage().contains("k 1"));
        TelemetryEvent event = Events.event(Category.USAGE, "updraft.usage.session", Map.of("age", 34L));
        assertEquals("30-39", a.anonymize(event).orElseThrow().fields().get("age"));
    }
}
