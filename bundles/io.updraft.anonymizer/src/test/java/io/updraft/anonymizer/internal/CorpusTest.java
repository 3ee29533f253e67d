package io.updraft.anonymizer.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.telemetry.TelemetryEvent;

public class CorpusTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final Corpus corpus = new Corpus();
    private String input;
    private String output;
    private List<TelemetryEvent> anonymized;

    @Before
    public void anonymizeCorpus() {
        AnonymizerComponent anonymizer = TestConfigs.component(tmp.getRoot().toPath(),
                new MutableClock(Events.T0), Corpus.RULES);
        anonymized = new ArrayList<>();
        for (TelemetryEvent e : corpus.events) {
            Optional<TelemetryEvent> out = anonymizer.anonymize(e);
            assertTrue("event " + e.schema() + " was dropped", out.isPresent());
            anonymized.add(out.get());
        }
        input = corpus.events.toString();
        output = anonymized.toString();
    }

    @Test
    public void everyPlantedIdentifierIsInTheInput() {
        int occurrences = 0;
        for (String value : corpus.planted) {
            int n = count(input, value);
            assertTrue(value + " is planted but not in the input", n > 0);
            occurrences += n;
        }
        // Guards the corpus itself: a refactoring that loses records would make the next test pass vacuously.
        assertEquals(42, corpus.planted.size());
        assertTrue("occurrences " + occurrences, occurrences >= corpus.planted.size());
    }

    @Test
    public void noPlantedIdentifierSurvives() {
        List<String> survivors = new ArrayList<>();
        for (String value : corpus.planted) {
            if (count(output, value) > 0) {
                survivors.add(value);
            }
        }
        assertEquals("planted identifiers found in\n" + output, List.of(), survivors);
    }

    @Test
    public void nonPersonalTextSurvives() {
        List<String> lost = new ArrayList<>();
        for (String value : Corpus.SURVIVORS) {
            if (!output.contains(value)) {
                lost.add(value);
            }
        }
        assertEquals("over-redacted, output is\n" + output, List.of(), lost);
    }

    @Test
    public void identifiersAreReplacedByTheirMarkers() {
        assertEquals(3, count(output, Markers.EMAIL));
        assertEquals(8, count(output, Markers.PHONE));
        assertTrue(output, output.contains("/home/" + Markers.USER + "/.ssh/authorized_keys"));
        assertTrue(output, output.contains("/Users/" + Markers.USER + "/dev.json"));
        assertTrue(output, output.contains("SN: " + Markers.SERIAL + " reported"));
        assertTrue(output, output.contains("S/N " + Markers.SERIAL + " (board rev C)"));
        assertTrue(output, output.contains("from 192.168.17.0/24 port 52814"));
        assertTrue(output, output.contains("via [2a02:8109:9c0::/48]:443"));
        assertTrue(output, output.contains("link-local fe80::/48 and"));
    }

    @Test
    public void structuredFieldsFollowTheirRules() {
        Map<String, Object> wifi = anonymized.get(2).fields();
        assertEquals("192.168.1.0/24", wifi.get("clientIp"));
        assertTrue(String.valueOf(wifi.get("bssid")).startsWith(KeyRing.PREFIX));
        List<?> networks = (List<?>) wifi.get("networks");
        assertEquals(2, networks.size());
        Map<?, ?> first = (Map<?, ?>) networks.get(0);
        assertEquals(first.toString(), Set.of("bssid", "rssi"), first.keySet());
        assertEquals(-67L, first.get("rssi"));
        assertEquals(Markers.MAC, first.get("bssid"));
        Map<?, ?> mission = anonymized.get(3).fields();
        assertEquals(48.135, (Double) mission.get("lat"), 1e-9);
        Map<?, ?> waypoint = (Map<?, ?>) ((List<?>) mission.get("waypoints")).get(0);
        assertEquals(48.135, (Double) waypoint.get("latitude"), 1e-9);
        Map<?, ?> process = (Map<?, ?>) anonymized.get(1).fields().get("process");
        assertTrue(process.toString(), String.valueOf(process.get("user")).startsWith(KeyRing.PREFIX));
        assertEquals("mission-planner", process.get("name"));
    }

    private static int count(String haystack, String needle) {
        String h = haystack.toLowerCase(Locale.ROOT);
        String n = needle.toLowerCase(Locale.ROOT);
        int count = 0;
        for (int i = h.indexOf(n); i >= 0; i = h.indexOf(n, i + 1)) {
            count++;
        }
        return count;
    }
}
