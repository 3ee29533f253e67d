package io.updraft.anonymizer.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.telemetry.AnonymizedBatch;
import io.updraft.telemetry.Category;
import io.updraft.telemetry.TelemetryEvent;

public class KAnonymityTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final MutableClock clock = new MutableClock(Events.T0);

    private AnonymizerComponent anonymizer(String k, String quasiIdentifiers, String... rules) {
        Map<String, Object> p = TestConfigs.properties(tmp.getRoot().toPath(), rules);
        p.put("k", k);
        p.put("quasiIdentifiers", quasiIdentifiers);
        return TestConfigs.component(p, clock);
    }

    private static TelemetryEvent position(double lat, double lon) {
        return Events.event(Category.LOCATION, "updraft.robot.position", Map.of("lat", lat, "lon", lon));
    }

    @Test
    public void smallLocationGroupsAreSuppressedAfterSnapping() {
        AnonymizerComponent a = anonymizer("5", "*:lat, *:lon");
        List<TelemetryEvent> raw = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            // All in the cell centered at 48.135, 11.56891 (0.01 degrees high, 0.01499 wide at this latitude).
            raw.add(position(48.1321 + i * 0.0001, 11.5681 + i * 0.0001));
        }
        raw.add(position(52.5200, 13.4050));
        raw.add(position(52.5201, 13.4051));
        raw.add(position(40.7128, -74.0060));
        for (int i = 0; i < 3; i++) {
            raw.add(Events.event(Category.PERFORMANCE, "updraft.metric.cpu", Map.of("load", 0.5 + i)));
        }
        List<TelemetryEvent> stored = new ArrayList<>();
        for (TelemetryEvent e : raw) {
            stored.add(a.anonymize(e).orElseThrow());
        }
        AnonymizedBatch out = a.protect(stored);
        assertEquals(5, out.k());
        assertEquals(3, out.suppressed());
        assertEquals(9, out.events().size());
        assertEquals(stored.subList(0, 6), out.events().subList(0, 6));
        assertEquals(stored.subList(9, 12), out.events().subList(6, 9));
        assertGroupsAtLeast(out, 5, "lat", "lon");
    }

    @Test
    public void everyOutputGroupHasAtLeastKMembers() {
        Random r = new Random(7);
        for (int round = 0; round < 200; round++) {
            int k = 2 + r.nextInt(6);
            AnonymizerComponent a = anonymizer(String.valueOf(k), "usage:age, usage:region",
                    "bucket usage:age 10");
            List<TelemetryEvent> batch = new ArrayList<>();
            int size = r.nextInt(60);
            for (int i = 0; i < size; i++) {
                Map<String, Object> f = new HashMap<>();
                f.put("age", 18L + r.nextInt(60));
                if (r.nextInt(4) > 0) {
                    f.put("region", "R" + r.nextInt(4));
                }
                f.put("screen", "home");
                batch.add(a.anonymize(Events.event(Category.USAGE, "updraft.usage.session", f)).orElseThrow());
            }
            AnonymizedBatch out = a.protect(batch);
            assertEquals(size, out.events().size() + out.suppressed());
            assertTrue(batch.containsAll(out.events()));
            assertGroupsAtLeast(out, k, "age", "region");
            // Suppression is minimal: every withheld event's group really is smaller than k.
            Map<List<Object>, Integer> all = groups(batch, "age", "region");
            for (TelemetryEvent e : batch) {
                if (!out.events().contains(e)) {
                    assertTrue(all.get(key(e, "age", "region")) < k);
                }
            }
        }
    }

    @Test
    public void quasiIdentifiersOfOtherScopesDoNotGroup() {
        AnonymizerComponent a = anonymizer("2", "updraft.robot.position:lat");
        TelemetryEvent other = Events.event(Category.LOCATION, "updraft.robot.dock", Map.of("lat", 1.0, "lon", 1.0));
        AnonymizedBatch out = a.protect(List.of(a.anonymize(position(10, 10)).orElseThrow(), other));
        assertEquals(1, out.suppressed());
        assertEquals(List.of(other), out.events());
    }

    @Test
    public void noQuasiIdentifiersNoSuppression() {
        Map<String, Object> p = TestConfigs.properties(tmp.getRoot().toPath());
        p.put("quasiIdentifiers", new String[0]);
        AnonymizerComponent a = TestConfigs.component(p, clock);
        AnonymizedBatch out = a.protect(List.of(position(10, 10)));
        assertEquals(0, out.suppressed());
        assertEquals(1, out.events().size());
    }

    /** Groups by the fields' values as they are, computed apart from the code under test. */
    private static void assertGroupsAtLeast(AnonymizedBatch out, int k, String... fields) {
        for (Map.Entry<List<Object>, Integer> g : groups(out.events(), fields).entrySet()) {
            if (g.getKey() != null) {
                assertTrue("group " + g.getKey() + " has " + g.getValue() + " < " + k, g.getValue() >= k);
            }
        }
    }

    private static Map<List<Object>, Integer> groups(List<TelemetryEvent> events, String... fields) {
        Map<List<Object>, Integer> sizes = new HashMap<>();
        for (TelemetryEvent e : events) {
            sizes.merge(key(e, fields), 1, Integer::sum);
        }
        return sizes;
    }

    private static List<Object> key(TelemetryEvent e, String... fields) {
        List<Object> key = new ArrayList<>();
        boolean any = false;
        for (String f : fields) {
            Object v = e.fields().get(f);
            any |= v != null;
            key.add(String.valueOf(v));
        }
        return any ? key : null;
    }
}
