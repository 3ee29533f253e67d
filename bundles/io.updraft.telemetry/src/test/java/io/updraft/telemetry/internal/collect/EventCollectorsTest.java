package io.updraft.telemetry.internal.collect;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.Test;
import org.osgi.service.event.Event;

import io.updraft.telemetry.Category;
import io.updraft.telemetry.TelemetryEvent;
import io.updraft.telemetry.TelemetryService;
import io.updraft.telemetry.TelemetryStatus;

public class EventCollectorsTest {
    /** Keeps what is published. */
    private static final class Recording implements TelemetryService {
        final List<TelemetryEvent> events = new ArrayList<>();

        @Override
        public Optional<TelemetryEvent> publish(TelemetryEvent event) {
            events.add(event);
            return Optional.of(event);
        }

        @Override
        public void count(String name, long delta) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void duration(String name, Duration duration) {
            throw new UnsupportedOperationException();
        }

        @Override
        public TelemetryStatus status() {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    public void updateEventsBecomeOtaEventsTypedByTopic() {
        Recording telemetry = new Recording();
        OtaEventCollector ota = new OtaEventCollector(telemetry, java.time.Clock.systemUTC());
        ota.handleEvent(new Event("io/updraft/update/STATE", Map.of("from", "IDLE", "to", "CHECKING", "timestamp",
                1_780_000_000_000L, "components", new String[] {"app", "nav"}, "attempt", 2, "at",
                Instant.parse("2026-06-01T00:00:00Z"))));
        TelemetryEvent e = telemetry.events.get(0);
        assertEquals(Category.OTA, e.category());
        assertEquals("STATE", e.type());
        assertEquals(Instant.ofEpochMilli(1_780_000_000_000L), e.timestamp());
        assertEquals("io/updraft/update/STATE", e.fields().get("topic"));
        assertEquals("CHECKING", e.fields().get("to"));
        assertEquals(List.of("app", "nav"), e.fields().get("components"));
        assertEquals(2L, e.fields().get("attempt"));
        assertEquals("2026-06-01T00:00:00Z", e.fields().get("at"));
        assertEquals(Duration.ZERO, ota.interval());
    }

    @Test
    public void uncaughtExceptionsAreReportedAndThePreviousHandlerStillRuns() throws Exception {
        Recording telemetry = new Recording();
        List<Throwable> seenByPrevious = new ArrayList<>();
        Thread.UncaughtExceptionHandler original = Thread.getDefaultUncaughtExceptionHandler();
        Thread.UncaughtExceptionHandler previous = (t, e) -> seenByPrevious.add(e);
        Thread.setDefaultUncaughtExceptionHandler(previous);
        try {
            CrashCollector crash = new CrashCollector(telemetry, null, java.time.Clock.systemUTC());
            Thread t = new Thread(() -> {
                throw new IllegalStateException("wheel encoder lost", new java.io.IOException("i2c timeout"));
            }, "drive-loop");
            t.start();
            t.join();
            TelemetryEvent e = telemetry.events.get(0);
            assertEquals(Category.CRASH, e.category());
            assertEquals("uncaught-exception", e.type());
            assertEquals("drive-loop", e.fields().get("thread"));
            assertEquals(IllegalStateException.class.getName(), e.fields().get("exception"));
            assertEquals("java.io.IOException: i2c timeout", e.fields().get("rootCause"));
            assertTrue(((List<?>) e.fields().get("stack")).size() <= CrashCollector.MAX_FRAMES);
            assertEquals(1, seenByPrevious.size());
            crash.deactivate();
            assertSame(previous, Thread.getDefaultUncaughtExceptionHandler());
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(original);
        }
    }
}
