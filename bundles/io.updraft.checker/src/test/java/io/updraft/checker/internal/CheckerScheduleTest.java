package io.updraft.checker.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.updraft.update.SourceException;
import io.updraft.update.UpdateState;

/** Periodic checks in virtual time, retries, jitter, and reconfiguration while running. */
public class CheckerScheduleTest extends CheckerFixture {
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    public void firstCheckAfterTheInitialDelayThenEveryInterval() throws Exception {
        install("app", "1.0.0");
        production.offering(Offers.of("app", "1.1.0").build());
        checker("initialDelay", "PT10M", "interval", "PT1H");
        assertEquals(List.of(Duration.ofMinutes(10)), thread.pending());

        thread.advance(Duration.ofMinutes(9));
        assertEquals(0, production.asked.get());
        thread.advance(MINUTE);
        assertEquals(1, production.asked.get());
        assertEquals(T0.plus(Duration.ofMinutes(10)), state.lastCheck().orElseThrow().checkedAt());
        assertEquals(UpdateState.UPDATE_AVAILABLE, state.status().state());
        assertEquals("scheduled check of source 'production'", state.history(2).get(0).reason());
        assertEquals(List.of(HOUR), thread.pending());

        thread.advance(HOUR.multipliedBy(3));
        assertEquals(4, production.asked.get());
        assertEquals(List.of(HOUR), thread.pending());
    }

    @Test
    public void onDemandCheckRestartsTheInterval() throws Exception {
        CheckerComponent c = checker("initialDelay", "PT0S", "interval", "PT1H");
        thread.advance(Duration.ZERO);
        assertEquals(1, production.asked.get());
        thread.advance(Duration.ofMinutes(40));
        c.check();
        assertEquals(List.of(HOUR), thread.pending());
        thread.advance(Duration.ofMinutes(59));
        assertEquals(2, production.asked.get());
    }

    @Test
    public void temporaryFailuresRetryWithGrowingDelaysUntilTheSourceAnswers() throws Exception {
        production.failing(new SourceException("unreachable", "no route to host", true, null));
        checker("initialDelay", "PT1M", "interval", "PT1H", "retryDelay", "PT5M");
        thread.advance(MINUTE);
        assertEquals(List.of(Duration.ofMinutes(5)), thread.pending());
        thread.advance(Duration.ofMinutes(5));
        assertEquals(List.of(Duration.ofMinutes(10)), thread.pending());
        thread.advance(Duration.ofMinutes(10));
        assertEquals(List.of(Duration.ofMinutes(20)), thread.pending());
        thread.advance(Duration.ofMinutes(20));
        assertEquals(List.of(Duration.ofMinutes(40)), thread.pending());
        thread.advance(Duration.ofMinutes(40));
        assertEquals("capped at the interval", List.of(HOUR), thread.pending());
        assertEquals(5, production.asked.get());
        assertEquals(UpdateState.IDLE, state.status().state());

        production.offering();
        thread.advance(HOUR);
        assertEquals(6, production.asked.get());
        assertEquals(List.of(HOUR), thread.pending());
        // The next failure starts again from the shortest delay.
        production.failing(new SourceException("unreachable", "no route to host", true, null));
        thread.advance(HOUR);
        assertEquals(List.of(Duration.ofMinutes(5)), thread.pending());
    }

    @Test
    public void failureThatRetryingCannotHelpWaitsAFullInterval() throws Exception {
        production.failing(new SourceException("expired", "timestamp expired", false, null));
        checker("initialDelay", "PT1M", "interval", "PT1H", "retryDelay", "PT5M");
        thread.advance(MINUTE);
        assertEquals(UpdateState.FAILED, state.status().state());
        assertEquals(List.of(HOUR), thread.pending());
    }

    @Test
    public void jitterSpreadsEveryDelayWithinItsBand() throws Exception {
        double[] draws = {0.0, Math.nextDown(1.0), 0.25};
        int[] next = {0};
        random = () -> draws[next[0]++ % draws.length];
        checker("initialDelay", "PT10M", "interval", "PT1H", "jitter", 0.5);
        assertEquals(List.of(Duration.ofMinutes(5)), thread.pending());
        thread.advance(Duration.ofMinutes(5));
        assertEquals(List.of(Duration.ofMinutes(90)), thread.pending());
        thread.advance(Duration.ofMinutes(90));
        assertEquals(List.of(Duration.ofMinutes(45)), thread.pending());
    }

    @Test
    public void newIntervalReschedulesAndDisablingKeepsOnDemandChecks() throws Exception {
        CheckerComponent c = checker("interval", "PT6H");
        assertEquals(List.of(Duration.ofMinutes(5)), thread.pending());

        c.modified(TestConfigs.config("interval", "PT1H"));
        assertEquals(List.of(HOUR), thread.pending());

        // Other changes leave the schedule alone.
        thread.advance(Duration.ofMinutes(30));
        c.modified(TestConfigs.config("interval", "PT1H", "offerNewComponents", true));
        assertEquals(List.of(Duration.ofMinutes(30)), thread.pending());

        c.modified(TestConfigs.config("interval", "PT1H", "enabled", false));
        assertTrue(thread.pending().isEmpty());
        thread.advance(HOUR.multipliedBy(5));
        assertEquals(0, production.asked.get());
        c.check();
        assertEquals(1, production.asked.get());
        assertTrue(thread.pending().isEmpty());

        c.modified(TestConfigs.config("interval", "PT2H"));
        assertEquals(List.of(HOUR.multipliedBy(2)), thread.pending());
    }

    @Test
    public void badReconfigurationKeepsTheRunningSettings() throws Exception {
        CheckerComponent c = checker("interval", "PT1H", "initialDelay", "PT1H");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.modified(TestConfigs.config("interval", "PT30S")));
        assertTrue(e.getMessage(), e.getMessage().contains("PT30S"));
        assertEquals(List.of(HOUR), thread.pending());
        c.check();
        assertEquals(1, production.asked.get());
    }

    @Test
    public void sourceIsChosenByConfigurationAndFollowsChanges() throws Exception {
        install("app", "1.0.0");
        production.offering(Offers.of("app", "1.1.0").build());
        staging.offering(Offers.of("app", "1.2.0-rc.1").from("staging").build());
        CheckerComponent c = checker();
        assertEquals("1.1.0", c.check().updates().get(0).release().version().toString());

        c.modified(TestConfigs.config("source", "staging"));
        assertEquals("1.2.0-rc.1", c.check().updates().get(0).release().version().toString());
        assertEquals("staging", state.lastCheck().orElseThrow().source());
        assertEquals(1, production.asked.get());
        assertEquals(1, staging.asked.get());

        c.unbindUpdateSource(staging, Map.of("updraft.source", "staging"));
        SourceException e = assertThrows(SourceException.class, c::check);
        assertEquals("no update source named 'staging'; available: production", e.getMessage());
        // A source registered again under its name is used again.
        bind(c, staging);
        assertEquals("staging", c.check().source());
    }

    @Test
    public void sourceWithoutANameIsIgnored() throws Exception {
        CheckerComponent c = checker("source", "lab");
        FakeSource unnamed = new FakeSource("lab");
        c.bindUpdateSource(unnamed, Map.of("service.id", 17L));
        assertThrows(SourceException.class, c::check);
        assertEquals(0, unnamed.asked.get());
    }
}
