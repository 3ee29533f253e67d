package io.updraft.logforwarder.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.Test;

/** Back-off with full jitter and the bandwidth cap, on a fake clock. */
public class PacingTest {
    @Test
    public void backoffDoublesItsCeilingUpToTheMaximumWithFullJitter() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), new Random(1));
        long[] ceilings = {100, 200, 400, 800, 1000, 1000};
        for (long ceiling : ceilings) {
            long wait = b.next(Optional.empty()).toMillis();
            assertTrue(wait + " > " + ceiling, wait >= 0 && wait <= ceiling);
        }
        b.reset();
        long max = 0;
        for (int i = 0; i < 200; i++) {
            b.reset();
            max = Math.max(max, b.next(Optional.empty()).toMillis());
        }
        assertTrue("jitter spreads over the range: " + max, max > 50 && max <= 100);
        assertEquals(Duration.ofMillis(1000), b.next(Optional.of(Duration.ofSeconds(30))));
        b.reset();
        assertTrue(b.next(Optional.of(Duration.ofMillis(70))).toMillis() >= 70);
    }

    @Test
    public void theRateLimiterKeepsTheAverageAtTheCap() throws Exception {
        long[] now = {0};
        List<Long> sleeps = new ArrayList<>();
        RateLimiter r = new RateLimiter(1000, () -> now[0], nanos -> {
            sleeps.add(nanos);
            now[0] += nanos;
        });
        for (int i = 0; i < 10; i++) {
            r.acquire(500);
        }
        // 5,000 bytes at 1,000 bytes/s: the tenth transfer may start after 4.5 s.
        assertEquals(4_500_000_000L, now[0]);
        now[0] += 60_000_000_000L;
        sleeps.clear();
        r.acquire(500);
        r.acquire(500);
        assertEquals("a long pause saves no credit", List.of(500_000_000L), sleeps);
    }

    @Test
    public void noCapMeansNoWait() throws Exception {
        RateLimiter r = new RateLimiter(0, () -> 0, nanos -> {
            throw new AssertionError("slept");
        });
        r.acquire(1 << 30);
    }
}
