package io.updraft.downloader.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;

/** The token bucket against a clock the test runs. */
public class ThrottleTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final AtomicLong rate = new AtomicLong(1000);
    private final AtomicLong slept = new AtomicLong();
    private final Throttle throttle = new Throttle(rate::get, now::get, nanos -> {
        slept.addAndGet(nanos);
        now.addAndGet(nanos);
    });

    @Test
    public void holdsTheRateAfterABurstOfAQuarterSecond() throws Exception {
        throttle.acquire(250, () -> false);
        assertEquals(0, slept.get());
        for (int i = 0; i < 100; i++) {
            throttle.acquire(100, () -> false);
        }
        // 10 000 bytes at 1000 B/s: 10 s.
        assertEquals(10_000_000_000L, slept.get(), 5_000_000);
    }

    @Test
    public void aChangedRateAppliesWithinOneSliceOfWaiting() throws Exception {
        throttle.acquire(250, () -> false);
        rate.set(100);
        // 1000 bytes at 100 B/s would take 10 s; raised to 1 MB/s after the first slice, the wait ends with it.
        throttle.acquire(1000, () -> {
            if (slept.get() > 0) {
                rate.set(1_000_000);
            }
            return false;
        });
        assertEquals(Throttle.SLICE_MILLIS * 1_000_000, slept.get());
        rate.set(0);
        throttle.acquire(1_000_000_000, () -> false);
        assertEquals(Throttle.SLICE_MILLIS * 1_000_000, slept.get());
    }

    @Test
    public void aStopEndsTheWait() throws Exception {
        rate.set(10);
        throttle.acquire(1_000, () -> slept.get() > 0);
        assertEquals(Throttle.SLICE_MILLIS * 1_000_000, slept.get());
    }
}
