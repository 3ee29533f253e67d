package io.updraft.analysis.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.Test;

/** Configuration is validated, and a bad value is named in the error. */
public class SettingsTest {

    private static void refused(String expected, Object... keyValues) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TestConfigs.settings(keyValues));
        assertTrue(e.getMessage(), e.getMessage().contains(expected));
    }

    @Test
    public void defaultsAreValidAndCommaListsAreSplit() {
        Settings s = TestConfigs.settings("windows", "PT1H, PT24H,P7D", "limits", "a.b*>10,c<5");
        assertEquals(List.of(Duration.ofHours(1), Duration.ofHours(24), Duration.ofDays(7)), s.windows());
        assertEquals(Duration.ofMinutes(5), s.interval());
        assertEquals(168, s.seriesHours());
        assertTrue(s.limits().get(0).rising());
        assertFalse(s.limits().get(1).rising());
        assertEquals(5, s.limits().get(1).limit(), 0);
        assertTrue(s.excluded("updraft.metric.jvm.uptimeMs"));
        assertFalse(s.excluded("updraft.metric.cpu.busyPercent"));
    }

    @Test
    public void badValuesAreRefusedByName() {
        refused("home 'relative/dir'", "home", "relative/dir");
        refused("interval PT1S", "interval", "PT1S");
        refused("interval 'soon'", "interval", "soon");
        refused("shortest first", "windows", "P1D,PT1H");
        refused("anomalyMinSamples 50", "anomalyMinSamples", 50);
        refused("ewmaLambda 0.0", "ewmaLambda", 0.0);
        refused("anomalyThreshold NaN", "anomalyThreshold", Double.NaN);
        refused("limits entry 'disk=100'", "limits", "disk=100");
        refused("no number after >", "limits", "disk>full");
        refused("correlationSignificance 0.5", "correlationSignificance", 0.5);
        refused("criticalWithin PT960H", "criticalWithin", "P40D");
        refused("windows P30D", "windows", "PT1H,P30D");
    }
}
