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
        refused("anomalyMinSamples 50", "anomalyMinSamples", "50");
        refused("anomalyWindow 'forty' is not a whole number", "anomalyWindow", "forty");
        refused("ewmaLimit '6,5' is not a number", "ewmaLimit", "6,5");
        refused("ewmaLambda 0.0", "ewmaLambda", "0.0");
        refused("anomalyThreshold NaN", "anomalyThreshold", "NaN");
        refused("limits entry 'disk=100'", "limits", "disk=100");
        refused("no number after >", "limits", "disk>full");
        refused("correlationSignificance 0.5", "correlationSignificance", "0.5");
        refused("criticalWithin PT960H", "criticalWithin", "P40D");
        refused("windows P30D", "windows", "PT1H,P30D");
    }

    /** What a hand-edited .cfg gives: every value a string, with the blanks Properties keeps at the end. */
    @Test
    public void everyKeyTakesTheStringsOfACfgFile() {
        Settings s = TestConfigs.settings("home", "/var/lib/updraft ", "interval", "PT10M ",
                "windows", "PT1H, PT24H ", "anomalyWindow", "60 ", "anomalyMinSamples", "30 ",
                "anomalyThreshold", "7.5 ", "ewmaLambda", "0.3 ", "ewmaLimit", "5 ", "anomalyQuietSamples", "10 ",
                "excludedMetrics", "*.cores ", "limits", "disk*>95 ", "seriesWindow", "P3D ",
                "forecastHorizon", "P20D ", "criticalWithin", "P5D ", "trendHorizon", "P100D ",
                "trendMinPoints", "12 ", "trendMinR2", "0.7 ", "errorInterval", "PT15M ",
                "errorBaselineIntervals", "20 ", "errorMinCount", "4 ", "errorMinRatio", "2.5 ",
                "errorSignificance", "1e-5 ", "correlationMinSamples", "30 ", "correlationMin", "0.6 ",
                "correlationSignificance", "0.01 ", "insightRetention", "PT12H ", "maxMetrics", "300 ",
                "maxRecordsPerRun", "5000 ");
        assertEquals(java.nio.file.Path.of("/var/lib/updraft"), s.home());
        assertEquals(Duration.ofMinutes(10), s.interval());
        assertEquals(List.of(Duration.ofHours(1), Duration.ofHours(24)), s.windows());
        assertEquals(72, s.seriesHours());
        assertEquals(new Settings.Anomaly(60, 30, 7.5, 0.3, 5, 10), s.anomaly());
        assertEquals(new Settings.Trend(Duration.ofDays(20), Duration.ofDays(5), Duration.ofDays(100), 12, 0.7),
                s.trend());
        assertEquals(new Settings.ErrorRate(Duration.ofMinutes(15), 20, 4, 2.5, 1e-5), s.errors());
        assertEquals(new Settings.Correlation(30, 0.6, 0.01), s.correlation());
        assertEquals(Duration.ofHours(12), s.insightRetention());
        assertEquals(300, s.maxMetrics());
        assertEquals(5000, s.maxRecordsPerRun());
        assertTrue(s.excluded("a.cores"));
        assertEquals(95, s.limits().get(0).limit(), 0);
    }
}
