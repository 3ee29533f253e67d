package io.updraft.scheduler.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.updraft.scheduler.When;

public class SettingsTest {

    private static Settings settings(Object... keysAndValues) {
        Map<String, Object> p = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            p.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Fixture.settings(p);
    }

    private static void assertRejected(String expected, Object... keysAndValues) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings(keysAndValues));
        assertTrue(e.getMessage(), e.getMessage().contains(expected));
    }

    @Test
    public void defaults() {
        Settings s = settings();
        assertEquals(new Policy(When.NOW, When.WINDOW, Window.parse("w", "03:00-04:00"), Duration.ofHours(24), true),
                s.defaults());
        assertEquals(Duration.ofMinutes(15), s.recheckDelay());
        assertEquals(30, s.minBattery());
        assertTrue(s.requireStableNetwork());
        assertEquals(1.0, s.stagingFactor(), 0);
    }

    @Test
    public void componentBeatsProductBeatsDefault() {
        Settings s = settings("productPolicies", "robot: install=window, window=01:00-02:00; headset: install=confirm, download=now",
                "componentPolicies", new String[] {"firmware: install=confirm, confirmationDefault=deny", "app: download=window"});
        assertEquals(When.WINDOW, s.policy("robot", "app").install());
        assertEquals(When.WINDOW, s.policy("robot", "app").download());
        assertEquals(Window.parse("w", "01:00-02:00"), s.policy("robot", "app").window());
        assertEquals(When.CONFIRM, s.policy("robot", "firmware").install());
        assertFalse(s.policy("robot", "firmware").installOnTimeout());
        assertEquals(When.CONFIRM, s.policy("headset", "app").install());
        assertEquals(When.WINDOW, s.policy("generic", "other").install());
        assertEquals(Window.parse("w", "03:00-04:00"), s.policy("generic", "other").window());
    }

    @Test
    public void anUpdateTakesTheStrictestPolicyOfItsReleases() {
        Settings s = settings("componentPolicies", "firmware: install=confirm, confirmationTimeout=PT1H, confirmationDefault=deny");
        Policy p = Policy.combine(List.of(s.policy("robot", "app"), s.policy("robot", "firmware")));
        assertEquals(When.CONFIRM, p.install());
        assertEquals(Duration.ofHours(1), p.confirmationTimeout());
        assertFalse(p.installOnTimeout());
    }

    @Test
    public void badValuesAreRejectedNamingThem() {
        assertRejected("download 'later'", "download", "later");
        assertRejected("install 'sometime'", "install", "sometime");
        assertRejected("window '3-4'", "window", "3-4");
        assertRejected("timeZone 'Mars/Olympus'", "timeZone", "Mars/Olympus");
        assertRejected("confirmationTimeout '24h'", "confirmationTimeout", "24h");
        assertRejected("confirmationDefault 'maybe'", "confirmationDefault", "maybe");
        assertRejected("recheckDelay PT1S", "recheckDelay", "PT1S");
        assertRejected("minBattery 101", "minBattery", 101);
        assertRejected("stagingFactor -1.0", "stagingFactor", -1.0);
        assertRejected("reserveBytes -5", "reserveBytes", -5L);
        assertRejected("home 'relative/dir'", "home", "relative/dir");
        assertRejected("productPolicies robot: unknown key 'speed'", "productPolicies", "robot: speed=fast");
        assertRejected("productPolicies robot install 'soon'", "productPolicies", "robot: install=soon");
        assertRejected("productPolicies entry 'robot install=now'", "productPolicies", "robot install=now");
        assertRejected("productPolicies names 'robot' twice", "productPolicies", "robot: install=now; robot: download=now");
        assertRejected("componentPolicies: component name 'App'", "componentPolicies", "App: install=now");
    }
}
