package io.updraft.telemetry.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.RuleChain;
import org.junit.rules.TemporaryFolder;

import io.updraft.telemetry.AnonymizedBatch;
import io.updraft.telemetry.Anonymizer;
import io.updraft.telemetry.Category;
import io.updraft.telemetry.CollectorStatus;
import io.updraft.telemetry.TelemetryEvent;
import io.updraft.telemetry.TelemetryEvents;

public class TelemetryEngineTest {
    public final TemporaryFolder tmp = new TemporaryFolder();
    public final TestLogStores stores = new TestLogStores();
    /** The stores close before their folder goes. */
    @Rule
    public final RuleChain rules = RuleChain.outerRule(tmp).around(stores);

    private Path home;
    private final AtomicReference<Anonymizer> anonymizer = new AtomicReference<>();
    private TelemetryEngine engine;

    @Before
    public void setUp() throws Exception {
        home = tmp.newFolder("home").toPath();
        engine = open();
    }

    @After
    public void tearDown() {
        engine.close();
    }

    private TelemetryEngine open(Object... extra) throws Exception {
        Object[] base = {"collectorTimeout", "300ms", "collectorThreads", 2};
        Object[] all = new Object[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return new TelemetryEngine(TestConfigs.config(home, all), stores.of(home), Clock.systemUTC(), anonymizer::get);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    private long stored(Category c) {
        return engine.store().usage(c).events();
    }

    private static TelemetryEvent usageEvent(String text) {
        return TelemetryEvents.draft("test.usage", 1, Category.USAGE, "tap", Map.of("note", text));
    }

    @Test
    public void withdrawalPurgesStoredEventsAndStopsCollectionAtOnce() throws Exception {
        anonymizer.set(passThrough());
        engine.consent().change(1, Set.of(Category.USAGE), Set.of());
        FakeCollector usage = FakeCollector.counting("taps", Category.USAGE, Duration.ofMillis(100));
        FakeCollector perf = FakeCollector.counting("perf", Category.PERFORMANCE, Duration.ofMillis(100));
        engine.consent().change(1, Set.of(Category.PERFORMANCE), Set.of());
        engine.addCollector(usage);
        engine.addCollector(perf);
        for (int i = 0; i < 5; i++) {
            assertTrue(engine.publish(usageEvent("n" + i)).isPresent());
        }
        await("usage collected a few times", () -> stored(Category.USAGE) >= 8);
        long before = stored(Category.USAGE);
        assertTrue("before " + before, before >= 8);

        engine.consent().change(1, Set.of(), Set.of(Category.USAGE));
        assertEquals(0, stored(Category.USAGE));
        int callsAtWithdrawal = usage.calls.get();
        assertTrue(engine.publish(usageEvent("late")).isEmpty());
        long perfBefore = stored(Category.PERFORMANCE);
        await("performance goes on", () -> stored(Category.PERFORMANCE) >= perfBefore + 3);
        // A call already running at the withdrawal may finish; no new one starts and nothing is stored.
        assertTrue(usage.calls.get() <= callsAtWithdrawal + 1);
        assertEquals(0, stored(Category.USAGE));
        assertEquals(List.of(), engine.store().read(Category.USAGE));
    }

    @Test
    public void failingAndHangingCollectorsAreIsolatedAndReported() throws Exception {
        // Problem reports are diagnostics, which by default are stored only through an anonymizer.
        anonymizer.set(passThrough());
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch deafReleased = new CountDownLatch(1);
        AtomicBoolean deafInterrupted = new AtomicBoolean();
        FakeCollector failing = new FakeCollector("broken", Category.PERFORMANCE, Duration.ofMillis(100), () -> {
            throw new IOException("sensor bus error");
        });
        FakeCollector hanging = new FakeCollector("hung", Category.PERFORMANCE, Duration.ofMillis(100), () -> {
            never.await();
            return List.of();
        });
        FakeCollector deaf = new FakeCollector("deaf", Category.PERFORMANCE, Duration.ofMillis(100), () -> {
            // Ignores interrupts, like a read from a stuck device file: blocked until the test ends, whatever
            // the timeout does. Waiting rather than spinning leaves the CPU to the other collectors and tests.
            while (true) {
                try {
                    deafReleased.await();
                    break;
                } catch (InterruptedException e) {
                    deafInterrupted.set(true);
                }
            }
            return List.of();
        });
        FakeCollector good = FakeCollector.counting("good", Category.OTA, Duration.ofMillis(100));
        engine.consent().change(1, Set.of(Category.PERFORMANCE), Set.of());
        engine.addCollector(failing);
        engine.addCollector(hanging);
        engine.addCollector(deaf);
        engine.addCollector(good);

        try {
            await("good keeps producing", () -> stored(Category.OTA) >= 15);
            await("deaf interrupted by its timeout", deafInterrupted::get);
            Map<String, CollectorStatus> byName = new java.util.HashMap<>();
            for (CollectorStatus s : engine.status().collectors()) {
                byName.put(s.name(), s);
            }
            assertTrue(byName.get("broken").lastProblem(),
                    byName.get("broken").lastProblem().contains("sensor bus error"));
            assertTrue(byName.get("hung").failures() > 0);
            assertTrue(byName.get("deaf").lastProblem(), byName.get("deaf").lastProblem().contains("timed out"));
            assertEquals(byName.get("good").lastProblem(), 0, byName.get("good").failures());
            assertTrue(byName.get("good").samples() >= 15);
            assertTrue(byName.get("good").lastSample() != null);
            // One call at a time: a call that ignores the interrupt is not joined by another while it runs.
            assertEquals(1, deaf.calls.get());
            List<TelemetryEvent> problems = engine.store().read(Category.DIAGNOSTICS);
            for (String name : List.of("broken", "hung", "deaf")) {
                assertTrue(name, problems.stream().anyMatch(e -> name.equals(e.fields().get("collector"))));
            }
            assertTrue(problems.stream().anyMatch(e -> "hung".equals(e.fields().get("collector"))
                    && e.fields().get("problem").toString().contains("timed out")));
        } finally {
            never.countDown();
            deafReleased.countDown();
        }
    }

    @Test
    public void withoutAnAnonymizerPersonalAndConfiguredCategoriesAreNotStored() throws Exception {
        engine.close();
        engine = open("storedWithoutAnonymizer", "ota");
        engine.consent().change(1, Set.of(Category.USAGE, Category.CRASH), Set.of());
        assertTrue(engine.publish(usageEvent("jane@example.com")).isEmpty());
        assertTrue(engine.publish(TelemetryEvents.draft("t", 1, Category.CRASH, "x", Map.of())).isEmpty());
        assertTrue(engine.publish(TelemetryEvents.draft("t", 1, Category.OTA, "x", Map.of())).isPresent());
        assertEquals(0, stored(Category.USAGE));
        assertFalse(engine.status().anonymizerAvailable());

        anonymizer.set(redacting());
        TelemetryEvent stored = engine.publish(usageEvent("jane@example.com")).orElseThrow();
        assertEquals("[redacted]", stored.fields().get("note"));
        assertEquals("[redacted]", engine.store().read(Category.USAGE).get(0).fields().get("note"));

        anonymizer.set(failing());
        assertTrue(engine.publish(usageEvent("jane@example.com")).isEmpty());
        assertEquals(1, stored(Category.USAGE));
    }

    @Test
    public void usageCountersAreStoredOnlyWithConsent() throws Exception {
        anonymizer.set(passThrough());
        engine.count("screen.taps", 3);
        engine.consent().change(1, Set.of(Category.USAGE), Set.of());
        engine.count("screen.taps", 2);
        engine.count("screen.taps", 5);
        engine.duration("update.install", Duration.ofMillis(1500));
        engine.apply(Settings.of(TestConfigs.config(home, "collectorTimeout", "300ms", "collectorThreads", 2, "intervals", "usage=200ms")));
        await("usage totals stored", () -> stored(Category.USAGE) == 1);
        Map<String, Object> f = engine.store().read(Category.USAGE).get(0).fields();
        assertEquals(Map.of("screen.taps", Map.of("count", 2L, "total", 7L)), f.get("counters"));
        assertEquals(Map.of("update.install", Map.of("count", 1L, "totalMs", 1500L, "maxMs", 1500L)), f.get("durations"));
    }

    @Test
    public void sequenceNumbersContinueAfterRestart() throws Exception {
        anonymizer.set(passThrough());
        long last = 0;
        for (int i = 0; i < 3; i++) {
            last = engine.publish(TelemetryEvents.draft("t", 1, Category.OTA, "x", Map.of())).orElseThrow().sequence();
        }
        engine.close();
        engine = open();
        long next = engine.publish(TelemetryEvents.draft("t", 1, Category.OTA, "x", Map.of())).orElseThrow().sequence();
        assertTrue(next + " after " + last, next > last);
        assertEquals(4, engine.store().read(Category.OTA).size());
    }

    @Test
    public void intervalsChangeLive() throws Exception {
        FakeCollector slow = FakeCollector.counting("slow", Category.OTA, Duration.ofHours(1));
        engine.addCollector(slow);
        await("first sample", () -> slow.calls.get() == 1);
        Thread.sleep(200);
        assertEquals(1, slow.calls.get());
        engine.apply(Settings.of(TestConfigs.config(home, "collectorTimeout", "300ms", "collectorThreads", 2, "intervals", "slow=100ms")));
        await("sampled at the new interval", () -> slow.calls.get() >= 4);
        assertEquals(Duration.ofMillis(100), engine.status().collectors().stream()
                .filter(s -> s.name().equals("slow")).findFirst().orElseThrow().interval());
    }

    @Test
    public void threadCountChangesInPlaceAndOnlyANewHomeNeedsANewEngine() throws Exception {
        anonymizer.set(passThrough());
        Settings next = Settings.of(TestConfigs.config(home, "collectorTimeout", "300ms", "collectorThreads", 3));
        assertTrue(engine.canApply(next));
        engine.apply(next);
        FakeCollector after = FakeCollector.counting("after", Category.OTA, Duration.ofMillis(100));
        engine.addCollector(after);
        await("collected with the new pool", () -> stored(Category.OTA) >= 3);
        assertFalse(engine.canApply(Settings.of(TestConfigs.config(tmp.newFolder("other").toPath()))));
    }

    static Anonymizer passThrough() {
        return new Anonymizer() {
            @Override
            public Optional<TelemetryEvent> anonymize(TelemetryEvent event) {
                return Optional.of(event);
            }

            @Override
            public AnonymizedBatch protect(List<TelemetryEvent> batch) {
                return new AnonymizedBatch(batch, 0, 1);
            }
        };
    }

    private static Anonymizer redacting() {
        return new Anonymizer() {
            @Override
            public Optional<TelemetryEvent> anonymize(TelemetryEvent event) {
                return Optional.of(event.withFields(Map.of("note", "[redacted]")));
            }

            @Override
            public AnonymizedBatch protect(List<TelemetryEvent> batch) {
                return new AnonymizedBatch(batch, 0, 1);
            }
        };
    }

    private static Anonymizer failing() {
        return new Anonymizer() {
            @Override
            public Optional<TelemetryEvent> anonymize(TelemetryEvent event) {
                throw new IllegalStateException("rules not loaded");
            }

            @Override
            public AnonymizedBatch protect(List<TelemetryEvent> batch) {
                throw new IllegalStateException("rules not loaded");
            }
        };
    }
}
