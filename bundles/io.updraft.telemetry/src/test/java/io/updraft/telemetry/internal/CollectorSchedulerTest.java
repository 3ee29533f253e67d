package io.updraft.telemetry.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.Test;

import io.updraft.telemetry.Category;
import io.updraft.telemetry.Collector;
import io.updraft.telemetry.TelemetryEvent;

/** When the scheduler calls collectors, seen without an engine or a store. */
public class CollectorSchedulerTest {
    private static final Duration INTERVAL = Duration.ofMillis(20);

    @Test(timeout = 60_000)
    public void aTimerHeldUpDoesNotMakeUpTheMissedTicksInABurst() throws Exception {
        // Every tick of a collector whose category is not allowed asks once and calls nothing: the questions about
        // OTA are exactly the ticks of the OTA collector, with no worker in between.
        List<Long> ticks = new CopyOnWriteArrayList<>();
        Predicate<Category> allowed = c -> {
            if (c == Category.OTA) {
                ticks.add(System.nanoTime());
                return false;
            }
            return true;
        };
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // A timeout is reported on the timer thread; held here, it holds up every tick, like storing the report on
        // a slow disk.
        CollectorSink sink = new CollectorSink() {
            @Override
            public void collected(Collector collector, List<TelemetryEvent> events) {
            }

            @Override
            public String problem(Collector collector, String summary, Throwable cause) {
                if (collector.name().equals("hung")) {
                    held.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return summary;
            }
        };
        CountDownLatch never = new CountDownLatch(1);
        FakeCollector hung = new FakeCollector("hung", Category.PERFORMANCE, Duration.ofHours(1), () -> {
            never.await();
            return List.of();
        });
        FakeCollector ota = FakeCollector.counting("ota", Category.OTA, INTERVAL);
        try (CollectorScheduler scheduler = new CollectorScheduler(2, Duration.ofMillis(100), Map.of(), allowed, sink,
                Clock.systemUTC())) {
            scheduler.add(ota);
            scheduler.add(hung);
            assertTrue("the timeout of 'hung' was not reported", held.await(10, TimeUnit.SECONDS));
            int before = ticks.size();
            // Some 15 ticks are due while the timer is held up.
            Thread.sleep(15 * INTERVAL.toMillis());
            assertEquals("ticks while the timer was held up", before, ticks.size());
            release.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (ticks.size() < before + 5) {
                assertTrue("only " + (ticks.size() - before) + " ticks after the timer went on",
                        System.nanoTime() < deadline);
                Thread.sleep(5);
            }
        } finally {
            release.countDown();
            never.countDown();
        }
        // A tick comes one interval after the previous one ended, so never sooner than that after it; made-up
        // ticks would come microseconds apart. (A quarter of the interval is left for the clock's granularity.)
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < ticks.size(); i++) {
            gaps.add((ticks.get(i) - ticks.get(i - 1)) / 1_000);
        }
        long shortest = gaps.stream().mapToLong(Long::longValue).min().orElseThrow();
        assertTrue("ticks of a " + INTERVAL.toMillis() + " ms interval came " + shortest + " microseconds apart; "
                + "gaps in microseconds: " + gaps, shortest >= INTERVAL.toNanos() * 3 / 4 / 1_000);
        assertEquals("calls of a collector whose category is not allowed", 0, ota.calls.get());
    }
}
