package io.updraft.checker.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.Test;

public class DelaysTest {
    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    public void jitterStaysWithinItsFractionEitherWay() {
        Delays lowest = new Delays(() -> 0.0);
        Delays highest = new Delays(() -> Math.nextDown(1.0));
        assertEquals(Duration.ofMinutes(45), lowest.jittered(HOUR, 0.25));
        assertEquals(Duration.ofMinutes(75), highest.jittered(HOUR, 0.25));
        assertEquals(Duration.ofMinutes(30), lowest.jittered(HOUR, 0.5));
        assertEquals(HOUR, new Delays(() -> 0.5).jittered(HOUR, 0.5));
        assertEquals(HOUR, lowest.jittered(HOUR, 0));
    }

    @Test
    public void jitterSpreadsDelaysOverTheWholeBand() {
        Random random = new Random(42);
        Delays delays = new Delays(random::nextDouble);
        Set<Long> minutes = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            Duration d = delays.jittered(HOUR, 0.1);
            assertTrue(d.toString(), d.compareTo(Duration.ofMinutes(54)) >= 0 && d.compareTo(Duration.ofMinutes(66)) <= 0);
            minutes.add(d.toMinutes());
        }
        // Every minute from 54 to 65 is hit: the devices of a fleet really spread out.
        assertEquals(12, minutes.size());
    }

    @Test
    public void retriesBackOffByDoublingUpToTheInterval() {
        Delays delays = new Delays(() -> 0.5);
        Settings s = TestConfigs.settings("interval", "PT1H", "retryDelay", "PT5M", "jitter", 0.1);
        assertEquals(Duration.ofMinutes(5), delays.retry(s, 1));
        assertEquals(Duration.ofMinutes(10), delays.retry(s, 2));
        assertEquals(Duration.ofMinutes(20), delays.retry(s, 3));
        assertEquals(Duration.ofMinutes(40), delays.retry(s, 4));
        assertEquals(HOUR, delays.retry(s, 5));
        assertEquals(HOUR, delays.retry(s, Integer.MAX_VALUE));
    }

    @Test
    public void firstAndRegularDelaysAreJitteredToo() {
        Delays delays = new Delays(() -> 0.0);
        Settings s = TestConfigs.settings("interval", "PT1H", "initialDelay", "PT10M", "jitter", 0.5);
        assertEquals(Duration.ofMinutes(5), delays.first(s));
        assertEquals(Duration.ofMinutes(30), delays.regular(s));
    }
}
