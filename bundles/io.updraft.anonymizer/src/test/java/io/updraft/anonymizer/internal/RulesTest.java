package io.updraft.anonymizer.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.telemetry.Category;
import io.updraft.telemetry.TelemetryEvent;

public class RulesTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final MutableClock clock = new MutableClock(Events.T0);

    private Map<String, Object> run(Category category, String schema, Map<String, Object> fields, String... rules) {
        AnonymizerComponent a = TestConfigs.component(tmp.getRoot().toPath(), clock, rules);
        return a.anonymize(Events.event(category, schema, fields)).orElseThrow().fields();
    }

    private Map<String, Object> run(Map<String, Object> fields, String... rules) {
        return run(Category.DIAGNOSTICS, "updraft.test.sample", fields, rules);
    }

    @Test
    public void eventWithNothingToChangeIsReturnedAsIs() {
        AnonymizerComponent a = TestConfigs.component(tmp.getRoot().toPath(), clock);
        TelemetryEvent e = Events.event(Category.PERFORMANCE, "updraft.metric.cpu",
                Map.of("load1", 0.42, "cores", 4L, "governor", "ondemand", "per", List.of(Map.of("core", 0L))));
        assertSame(e, a.anonymize(e).orElseThrow());
    }

    @Test
    public void dropReachesNestedFieldsThroughListsAndWildcards() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("session", Map.of("token", "abc", "id", 7L));
        f.put("accounts", List.of(Map.of("name", "a", "pin", 1234L), Map.of("name", "b", "pin", 99L)));
        f.put("keep", "x");
        Map<String, Object> out = run(f, "drop *:*.token", "drop updraft.test.sample:accounts.pin");
        assertEquals(Map.of("id", 7L), out.get("session"));
        assertEquals(List.of(Map.of("name", "a"), Map.of("name", "b")), out.get("accounts"));
        assertEquals("x", out.get("keep"));
    }

    @Test
    public void narrowerScopeWinsThenMoreNamedKeysThenStrongerAction() {
        Map<String, Object> f = Map.of("note", "call 0171-9876543", "a", Map.of("b", "x", "c", "y"));
        Map<String, Object> out = run(f, "drop *:note", "keep updraft.test.sample:note", "redact *:a.*",
                "keep *:a.b");
        assertEquals("call 0171-9876543", out.get("note"));
        assertEquals(Map.of("b", "x", "c", Markers.REDACTED), out.get("a"));
        Map<String, Object> other = run(Category.DIAGNOSTICS, "updraft.test.other", f, "drop *:note",
                "keep updraft.test.sample:note");
        assertFalse(other.containsKey("note"));
    }

    @Test
    public void ruleOnAMapCoversItsContentUnlessARuleBelowSaysOtherwise() {
        Map<String, Object> f = Map.of("owner", Map.of("mail", "a@b.org", "id", "u-17", "since", 2019L));
        Map<String, Object> out = run(f, "pseudonym *:owner", "keep *:owner.since");
        Map<?, ?> owner = (Map<?, ?>) out.get("owner");
        assertTrue(owner.toString(), String.valueOf(owner.get("mail")).startsWith(KeyRing.PREFIX));
        assertTrue(owner.toString(), String.valueOf(owner.get("id")).startsWith(KeyRing.PREFIX));
        assertEquals(2019L, owner.get("since"));
    }

    @Test
    public void dropEventByCategoryOrSchema() {
        AnonymizerComponent a = TestConfigs.component(tmp.getRoot().toPath(), clock, "dropEvent usage",
                "dropEvent updraft.debug.dump");
        assertTrue(a.anonymize(Events.event(Category.USAGE, "updraft.usage.x", Map.of())).isEmpty());
        assertTrue(a.anonymize(Events.event(Category.CRASH, "updraft.debug.dump", Map.of())).isEmpty());
        assertTrue(a.anonymize(Events.event(Category.CRASH, "updraft.crash.report", Map.of())).isPresent());
    }

    @Test
    public void bucketsGeneralizeNumbers() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("age", 34L);
        f.put("minus", -5L);
        f.put("double", 39.5);
        f.put("text", "34");
        f.put("temp", 36.6);
        f.put("word", "old");
        Map<String, Object> out = run(f, "bucket *:age 10", "bucket *:minus 10", "bucket *:double 10",
                "bucket *:text 10", "bucket *:temp 0.5", "bucket *:word 10");
        assertEquals("30-39", out.get("age"));
        assertEquals("-10--1", out.get("minus"));
        assertEquals("30-39", out.get("double"));
        assertEquals("30-39", out.get("text"));
        assertEquals("36.5-37.0", out.get("temp"));
        assertEquals(Markers.REDACTED, out.get("word"));
    }

    @Test
    public void timesAreCutToHourDayOrMonth() {
        long millis = Events.T0.toEpochMilli();
        Map<String, Object> f = Map.of("h", millis, "d", "2024-05-17T12:30:45.123+02:00", "m", "2024-05-17T12:30:45Z",
                "bad", "yesterday");
        Map<String, Object> out = run(f, "time *:h hour", "time *:d day", "time *:m month", "time *:bad day");
        assertEquals(java.time.Instant.parse("2024-05-01T12:00:00Z").toEpochMilli(), out.get("h"));
        assertEquals("2024-05-17T00:00:00Z", out.get("d"));
        assertEquals("2024-05-01T00:00:00Z", out.get("m"));
        assertEquals(Markers.REDACTED, out.get("bad"));
    }

    @Test
    public void ipFieldsAreTruncatedAndOtherValuesReplaced() {
        Map<String, Object> out = run(Map.of("ip", "192.168.1.77", "remoteAddress", "2001:db8:1:2::5", "clientIp",
                "jane-laptop.local"));
        assertEquals("192.168.1.0/24", out.get("ip"));
        assertEquals("2001:db8:1::/48", out.get("remoteAddress"));
        assertEquals(Markers.IP, out.get("clientIp"));
    }

    @Test
    public void mapKeysAreSearchedToo() {
        Map<String, Object> out = run(Map.of("rssi", Map.of("aa:bb:cc:dd:ee:ff", -60L)));
        assertEquals(Map.of(Markers.MAC, -60L), out.get("rssi"));
    }

    @Test
    public void keepSkipsTheSearchAndScanUnlistedTextOffSearchesTextFieldsOnly() {
        Map<String, Object> f = Map.of("a", "mail a@b.org", "b", "mail a@b.org");
        assertEquals("mail a@b.org", run(f, "keep *:a").get("a"));
        Map<String, Object> p = TestConfigs.properties(tmp.getRoot().toPath(), "text *:b");
        p.put("scanUnlistedText", false);
        Map<String, Object> out = TestConfigs.component(p, clock)
                .anonymize(Events.event(Category.DIAGNOSTICS, "updraft.test.sample", f)).orElseThrow().fields();
        assertEquals("mail a@b.org", out.get("a"));
        assertEquals("mail [email]", out.get("b"));
    }

    @Test
    public void locationPairsAreSnappedOrRemovedTogether() {
        Map<String, Object> out = run(Map.of("lat", "48.137154", "lon", 11L, "gps", Map.of("latitude", 1.0)));
        assertEquals(48.135, (Double) out.get("lat"), 1e-9);
        assertTrue(out.get("lon") instanceof Double);
        Map<String, Object> half = run(Map.of("latitude", 48.1, "other", 1L));
        assertEquals(Map.of("other", 1L), half);
        Map<String, Object> bad = run(Map.of("lat", 95.0, "lon", 10.0, "x", 1L));
        assertEquals(Map.of("x", 1L), bad);
    }

    @Test
    public void userNameFoundInOneFieldIsReplacedInTheOthers() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("summary", "crash of mgarcia's planner");
        f.put("path", "/home/mgarcia/planner.log");
        Map<String, Object> out = run(f);
        assertEquals("crash of [user]'s planner", out.get("summary"));
        assertEquals("/home/[user]/planner.log", out.get("path"));
    }
}
