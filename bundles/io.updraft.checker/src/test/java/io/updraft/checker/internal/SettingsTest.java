package io.updraft.checker.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;

import org.junit.Test;

public class SettingsTest {

    @Test
    public void defaultsAreSafe() {
        Settings s = TestConfigs.settings();
        assertEquals("production", s.source());
        assertEquals(Duration.ofHours(6), s.interval());
        assertEquals(0.1, s.jitter(), 0);
        assertEquals(Duration.ofMinutes(5), s.initialDelay());
        assertEquals(Duration.ofMinutes(1), s.retryDelay());
        assertTrue(s.enabled());
        assertFalse(s.offerNewComponents());
    }

    @Test
    public void valuesAreTakenFromTheConfiguration() {
        Settings s = TestConfigs.settings("source", "staging", "interval", " PT30M ", "jitter", "0.5",
                "initialDelay", "PT0S", "retryDelay", "PT10S", "enabled", "false", "offerNewComponents", true);
        assertEquals(new Settings("staging", Duration.ofMinutes(30), 0.5, Duration.ZERO, Duration.ofSeconds(10), false, true), s);
    }

    private static void assertRefused(String fragment, Object... keysAndValues) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TestConfigs.settings(keysAndValues));
        assertTrue(e.getMessage(), e.getMessage().contains(fragment));
    }

    @Test
    public void badValuesAreRefusedNamingThem() {
        assertRefused("interval '6h' is not an ISO-8601 duration", "interval", "6h");
        assertRefused("interval PT59S is shorter than the minimum PT1M", "interval", "PT59S");
        assertRefused("jitter 0.51 is outside 0 to 0.5", "jitter", 0.51);
        assertRefused("jitter -0.1 is outside", "jitter", -0.1);
        assertRefused("jitter NaN is outside", "jitter", Double.NaN);
        assertRefused("initialDelay PT-1S is negative", "initialDelay", "-PT1S");
        assertRefused("initialDelay 'soon' is not", "initialDelay", "soon");
        assertRefused("retryDelay PT9S is outside PT10S to the interval PT6H", "retryDelay", "PT9S");
        assertRefused("retryDelay PT2H is outside PT10S to the interval PT1H", "retryDelay", "PT2H", "interval", "PT1H");
        assertRefused("source '' must be the name", "source", "");
        assertRefused("source ' staging' must be the name", "source", " staging");
    }

    @Test
    public void onlyScheduleChangesAskForRescheduling() {
        Settings s = TestConfigs.settings();
        assertFalse(s.scheduleDiffers(TestConfigs.settings("source", "staging", "offerNewComponents", true, "initialDelay", "PT1M")));
        assertTrue(s.scheduleDiffers(TestConfigs.settings("interval", "PT1H")));
        assertTrue(s.scheduleDiffers(TestConfigs.settings("jitter", 0.2)));
        assertTrue(s.scheduleDiffers(TestConfigs.settings("retryDelay", "PT2M")));
        assertTrue(s.scheduleDiffers(TestConfigs.settings("enabled", false)));
    }
}
