package io.updraft.telemetry.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.junit.After;
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

/** What may reach disk (store and log) when the anonymizer is missing, failing or scrubbing. */
public class PrivacyGateTest {
    private static final String EMAIL = "jane.doe@example.com";
    private static final String USER_PATH = "/home/jdoe/.config/cam.conf";

    public final TemporaryFolder tmp = new TemporaryFolder();
    public final TestLogStores stores = new TestLogStores();
    /** The stores close before their folder goes. */
    @Rule
    public final RuleChain rules = RuleChain.outerRule(tmp).around(stores);

    private final AtomicReference<Anonymizer> anonymizer = new AtomicReference<>();
    private TelemetryEngine engine;

    @After
    public void tearDown() {
        if (engine != null) {
            engine.close();
        }
    }

    private TelemetryEngine open(Object... extra) throws Exception {
        Path home = tmp.getRoot().toPath().resolve("home");
        Object[] base = {"collectorTimeout", "300ms", "collectorThreads", 1};
        Object[] all = new Object[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        engine = new TelemetryEngine(TestConfigs.config(home, all), stores.of(home), Clock.systemUTC(), anonymizer::get);
        return engine;
    }

    private static TelemetryEvent event(Category c) {
        return TelemetryEvents.draft("test.any", 1, c, "x", Map.of("v", 1L));
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

    @Test
    public void withoutAnAnonymizerNoCategoryIsStoredByDefault() throws Exception {
        open();
        engine.consent().change(1, Set.of(Category.values()), Set.of());
        for (Category c : Category.values()) {
            assertTrue(c.id(), engine.publish(event(c)).isEmpty());
            assertEquals(c.id(), 0, engine.store().usage(c).events());
        }
        anonymizer.set(TelemetryEngineTest.passThrough());
        for (Category c : Category.values()) {
            assertTrue(c.id(), engine.publish(event(c)).isPresent());
        }
    }

    @Test
    public void aMakerMayLetNamedNonPersonalCategoriesBeStoredWithoutAnAnonymizer() throws Exception {
        open("storedWithoutAnonymizer", "performance,ota");
        engine.consent().change(1, Set.of(Category.values()), Set.of());
        for (Category c : Category.values()) {
            boolean expected = c == Category.PERFORMANCE || c == Category.OTA;
            assertEquals(c.id(), expected, engine.publish(event(c)).isPresent());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Settings.of(TestConfigs.config(tmp.getRoot().toPath(), "storedWithoutAnonymizer", "ota,usage")));
        assertTrue(e.getMessage(), e.getMessage().contains("usage") && e.getMessage().contains("personal"));
    }

    @Test
    public void aFailingCollectorsMessageReachesNeitherTheLogNorTheStatusRaw() throws Exception {
        open("storedWithoutAnonymizer", "diagnostics,performance");
        FakeCollector leaky = new FakeCollector("leaky", Category.PERFORMANCE, Duration.ofMillis(100), () -> {
            throw new IOException("cannot read " + USER_PATH + " of " + EMAIL,
                    new IllegalStateException("owner " + EMAIL));
        });
        CollectorStatus status;
        try (CapturedErr err = new CapturedErr()) {
            engine.addCollector(leaky);
            await("two failures reported", () -> engine.status().collectors().stream()
                    .anyMatch(s -> s.name().equals("leaky") && s.failures() >= 2));
            await("problem stored", () -> engine.store().usage(Category.DIAGNOSTICS).events() >= 2);
            status = engine.status().collectors().stream().filter(s -> s.name().equals("leaky"))
                    .findFirst().orElseThrow();
            engine.removeCollector(leaky);
            String log = err.text();
            assertTrue(log, log.contains("leaky") && log.contains("java.io.IOException"));
            assertFalse(log, log.contains(EMAIL) || log.contains("jdoe"));
        }
        assertTrue(status.lastProblem(), status.lastProblem().contains("java.io.IOException"));
        assertFalse(status.lastProblem(), status.lastProblem().contains(EMAIL));
        String stored = engine.store().read(Category.DIAGNOSTICS).toString();
        assertTrue(stored, stored.contains("leaky"));
        assertFalse(stored, stored.contains(EMAIL) || stored.contains("jdoe"));
    }

    @Test
    public void withAnAnonymizerTheProblemIsShownAsItScrubbedIt() throws Exception {
        open();
        anonymizer.set(scrubbing());
        FakeCollector leaky = new FakeCollector("leaky", Category.PERFORMANCE, Duration.ofMillis(100), () -> {
            throw new IOException("no route for " + EMAIL);
        });
        try (CapturedErr err = new CapturedErr()) {
            engine.addCollector(leaky);
            await("problem stored", () -> engine.store().usage(Category.DIAGNOSTICS).events() >= 1);
            engine.removeCollector(leaky);
            String log = err.text();
            assertTrue(log, log.contains("no route for [email]"));
            assertFalse(log, log.contains(EMAIL));
        }
        String problem = engine.store().read(Category.DIAGNOSTICS).get(0).fields().get("problem").toString();
        assertEquals("failed: java.io.IOException: no route for [email]", problem);
    }

    @Test
    public void anAnonymizerFailureIsLoggedWithoutTheValueItChokedOn() throws Exception {
        open();
        engine.consent().change(1, Set.of(Category.USAGE), Set.of());
        anonymizer.set(new Anonymizer() {
            @Override
            public Optional<TelemetryEvent> anonymize(TelemetryEvent e) {
                throw new IllegalArgumentException("'" + e.fields().get("who") + "' is not an address");
            }

            @Override
            public AnonymizedBatch protect(List<TelemetryEvent> batch) {
                return new AnonymizedBatch(batch, 0, 1);
            }
        });
        try (CapturedErr err = new CapturedErr()) {
            assertTrue(engine.publish(TelemetryEvents.draft("test.usage", 1, Category.USAGE, "x",
                    Map.of("who", EMAIL))).isEmpty());
            String log = err.text();
            assertTrue(log, log.contains("IllegalArgumentException"));
            assertFalse(log, log.contains(EMAIL));
        }
        assertEquals(0, engine.store().usage(Category.USAGE).events());
    }

    /** Replaces e-mail addresses in every string field, like the real anonymizer's text detector. */
    private static Anonymizer scrubbing() {
        return new Anonymizer() {
            @Override
            public Optional<TelemetryEvent> anonymize(TelemetryEvent e) {
                Map<String, Object> out = new java.util.LinkedHashMap<>();
                e.fields().forEach((k, v) -> out.put(k, v instanceof String s
                        ? s.replaceAll("[\\w.]+@[\\w.]+", "[email]") : v));
                return Optional.of(e.withFields(out));
            }

            @Override
            public AnonymizedBatch protect(List<TelemetryEvent> batch) {
                return new AnonymizedBatch(batch, 0, 1);
            }
        };
    }
}
