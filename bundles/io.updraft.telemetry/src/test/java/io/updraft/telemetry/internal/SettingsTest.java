package io.updraft.telemetry.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.junit.Test;
import org.osgi.util.converter.Converters;
import io.updraft.config.Units;


public class SettingsTest {
    private static final Path HOME = Path.of("/var/lib/updraft");

    @Test
    public void theShippedDefaultConfigurationIsValid() throws Exception {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of("../../config/io.updraft.telemetry.cfg"))) {
            p.load(r);
        }
        Map<String, Object> m = new HashMap<>();
        p.forEach((k, v) -> m.put((String) k, ((String) v).replace("${updraft.home}", HOME.toString())));
        Settings s = Settings.of(Converters.standardConverter().convert(m).to(TelemetryConfig.class));
        assertEquals(HOME.resolve("telemetry"), s.telemetryDir());
        assertEquals(Duration.ofSeconds(10), s.collectorTimeout());
        // Storage settings moved to the log store's configuration.
        for (String moved : new String[] {"syncInterval", "segmentMaxSize", "segmentMaxAge", "retentionAge",
            "retentionSize"}) {
            assertTrue(moved, !p.containsKey(moved));
        }
        // Nothing is stored without an anonymizer unless the maker names the category.
        assertTrue(s.storedWithoutAnonymizer().isEmpty());
        assertTrue(s.intervals().isEmpty());
    }

    @Test
    public void badValuesAreNamed() {
        String[][] cases = {
            {"defaultOn", "diagnostics,location", "location"},
            {"intervals", "cpu=fast", "intervals cpu 'fast'"},
            {"intervals", "cpu", "'cpu' is not of the form"},
            {"collectorTimeout", "0s", "collectorTimeout '0s'"},
            {"collectorThreads", "17", "collectorThreads 17"},
            {"home", "relative/dir", "not an absolute path"},
            {"storedWithoutAnonymizer", "ota,location", "location is personal"},
        };
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(c[0], IllegalArgumentException.class,
                    () -> Settings.of(TestConfigs.config(HOME, c[0], c[1])));
            assertTrue(c[0] + ": " + e.getMessage(), e.getMessage().contains(c[2]));
        }
        assertEquals(Duration.ofMillis(1500), Units.duration("PT1.5S", "x"));
        assertEquals(512L * 1024, Units.size("512KiB", "x"));
    }
}
